import { alertFacts } from '../../alerts';
import { applyCap, type Notification, packNotifications, type SnsRequest, sendNotifications } from '../sns';
import type { Sink } from '../types';
import { chatAttributes, formatChatbotAlert, formatChatbotOverflow } from './format';

export * from './constants';
export { type ChatbotNotification, chatAttributes, code, formatChatbotAlert, formatChatbotOverflow } from './format';

/**
 * Custom notifications for Amazon Q Developer in chat applications (AWS Chatbot) on their
 * own SNS topic (CHAT_TOPIC_ARN): the same alerts as the e-mail topic, under the same cap,
 * as the JSON that Slack and Teams render with a title, a description, next steps and
 * keywords. Off when CHAT_TOPIC_ARN is unset.
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 */
export const chatbotSink: Sink<SnsRequest> = {
  name: 'chatbot',
  plan: (decisions, config) => {
    if (config.chatTopicArn === undefined || decisions.alertGroups.length === 0) return [];
    const { alerts, overflow } = applyCap(decisions.alertGroups, config.notificationCap);
    const notifications: Notification[] = alerts.map((group) => {
      const facts = alertFacts(group, config.alertWindowSeconds);
      return { subject: '', message: JSON.stringify(formatChatbotAlert(facts)), attributes: chatAttributes(facts) };
    });
    if (overflow.length > 0)
      notifications.push({ subject: '', message: JSON.stringify(formatChatbotOverflow(overflow)), attributes: chatAttributes(undefined) });
    return packNotifications(notifications, config.chatTopicArn);
  },
  send: async (requests, clients) => void (await sendNotifications(clients.sns, requests)),
};
