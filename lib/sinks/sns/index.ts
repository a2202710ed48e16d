import type { Sink } from '../types';
import { buildNotifications, packNotifications, type SnsRequest } from './plan';
import { sendNotifications } from './send';

export { MAX_ATTRIBUTE_VALUE_LENGTH, MAX_BATCH_BYTES, MAX_BATCH_ENTRIES, MAX_SNS_MESSAGE_BYTES, MAX_SUBJECT_LENGTH } from './constants';
export { AttributeName, consoleLink, formatAlert, formatOverflow, type Notification, notificationBytes } from './format';
export { applyCap, buildNotifications, packNotifications, type SnsRequest } from './plan';
export { PartialPublishError, sendNotifications } from './send';

/** The plain-text alerts on the SNS topic (e-mail and any other subscriber). */
export const snsSink: Sink<SnsRequest> = {
  name: 'sns',
  plan: (decisions, config) => packNotifications(buildNotifications(decisions.alertGroups, config.notificationCap), config.alertTopicArn),
  send: async (requests, clients) => void (await sendNotifications(clients.sns, requests)),
};
