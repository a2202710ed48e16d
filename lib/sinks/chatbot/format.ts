import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import { type AlertFacts, type AlertGroup, asciiSubject, clip, sanitizeField } from '../../alerts';
import { MAX_ATTRIBUTE_VALUE_LENGTH } from '../sns/constants';
import { CHATBOT_SCHEMA, MAX_DESCRIPTION_LENGTH, MAX_KEYWORD_LENGTH, MAX_NEXT_STEP_LENGTH, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH } from './constants';

/** An Amazon Q Developer in chat applications (AWS Chatbot) custom notification. */
export interface ChatbotNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly id: string;
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps: readonly string[];
    readonly keywords: readonly string[];
  };
  readonly metadata: {
    readonly threadId: string;
    readonly summary: string;
    readonly eventType: string;
    readonly relatedResources: readonly string[];
    readonly additionalContext: Readonly<Record<string, string>>;
  };
}

const SEVERITY_EMOJI: Readonly<Record<string, string>> = {
  critical: ':rotating_light:',
  high: ':red_circle:',
  medium: ':large_orange_diamond:',
  low: ':large_blue_circle:',
  informational: ':information_source:',
};

/**
 * A value from a record, safe in Markdown: shown as inline code, where Slack and Teams
 * interpret no Markdown and make no links. A backtick, the one character that could close
 * the code span, is shown as `'`; the value is already one sanitised line.
 */
export function code(value: string | null | undefined, max = 256): string {
  if (value === null || value === undefined || value === '') return '-';
  return `\`${sanitizeField(value, max).replace(/`/g, "'")}\``;
}

/** Next steps per kind of rule: what a responder does first. */
function nextSteps(facts: AlertFacts): string[] {
  const steps: string[] = [];
  const who = facts.principal.arn ?? facts.principal.key;
  if (facts.principal.type === 'Root') {
    steps.push('Confirm with the account owner that the root user was used on purpose; if not, reset its password and MFA now.');
  } else if (facts.principal.type === 'AssumedRole') {
    steps.push(`Review the role's sessions in CloudTrail (${clip(who, 150)}); revoke active sessions if they are not expected.`);
  } else {
    steps.push(`Review the principal's recent activity in CloudTrail (${clip(who, 150)}).`);
  }
  if (facts.principal.accessKeyId?.startsWith('AKIA')) {
    steps.push(`If the long-term access key ${facts.principal.accessKeyId} was not used by its owner, deactivate and rotate it.`);
  } else {
    steps.push('If the credentials were not used by their owner, revoke the sessions and rotate the keys.');
  }
  steps.push('Check that MFA is enforced for this principal (an IAM policy condition aws:MultiFactorAuthPresent, or MFA on the user).');
  if (facts.consoleUrl) steps.push(`Open the event: ${facts.consoleUrl}`);
  return steps.map((s) => clip(s, MAX_NEXT_STEP_LENGTH));
}

/** The custom notification of one alert. */
export function formatChatbotAlert(facts: AlertFacts): ChatbotNotification {
  const { rule, principal, from, what } = facts;
  const who = principal.type === 'Root' ? `root in ${principal.accountId ?? 'unknown account'}` : principal.label;
  // The rule's title is the deployer's text; who acted comes from the record, so it is code.
  const title = clip(
    `${SEVERITY_EMOJI[rule.severity] ?? ''} ${rule.severity.toUpperCase()}: ${sanitizeField(rule.title, 120)}: ${code(who, 100)}`,
    MAX_TITLE_LENGTH,
  );
  const sessions =
    principal.sessionCount > 1
      ? `\n*Sessions (${principal.sessionCount}):* ${principal.sessionNames.map((s) => code(s, 64)).join(', ')}${principal.sessionCount > principal.sessionNames.length ? ` and ${principal.sessionCount - principal.sessionNames.length} more` : ''}`
      : '';
  const lines = [
    `*${facts.count} matching event${facts.count === 1 ? '' : 's'}* from ${code(facts.firstTime)} to ${code(facts.lastTime)}.`,
    ...(facts.sinceLastAlert
      ? [`Since the previous alert at ${code(facts.sinceLastAlert.lastAlertAt)}: ${facts.sinceLastAlert.count} more, counted and not alerted.`]
      : []),
    '',
    `*Who:* ${code(principal.arn ?? principal.key)} (${code(principal.type)}), account ${code(principal.accountId)}${principal.sessionIssuerArn ? `, issued by ${code(principal.sessionIssuerArn)}` : ''}${sessions}`,
    `*From where:* ${principal.accessKeyId ? `key ${code(principal.accessKeyId)}, ` : ''}IP ${from.sourceIps.length > 0 ? from.sourceIps.map((ip) => code(ip, 64)).join(', ') : '-'}, user agent ${code(from.userAgent, 200)}, Region ${code(from.region)}`,
    `*What:* ${code(what.eventSource)} ${code(what.eventName)} (${code(what.eventType)}), result ${code(what.result, 200)}, MFA ${code(`mfaAuthenticated=${what.mfaAuthenticated ?? '-'}, MFAUsed=${what.mfaUsed ?? '-'}`)}`,
    `*When:* ${code(facts.firstTime)}${what.recipientAccountId ? `, recorded in ${code(what.recipientAccountId)}` : ''}, event ${code(what.eventId)}`,
    '',
    `Rule ${code(rule.id)} (pack ${code(rule.pack)}), metric ${code(`${rule.namespace}/${rule.metricName}`)}.`,
  ];
  const keywords = [rule.id, principal.accountId ?? 'unknown-account', from.region ?? 'unknown-region', rule.severity].map((k) =>
    clip(sanitizeField(k, MAX_KEYWORD_LENGTH), MAX_KEYWORD_LENGTH),
  );
  return {
    version: CHATBOT_SCHEMA.version,
    source: CHATBOT_SCHEMA.source,
    id: facts.alertId,
    content: {
      textType: CHATBOT_SCHEMA.textType,
      title,
      description: clip(lines.join('\n'), MAX_DESCRIPTION_LENGTH),
      nextSteps: nextSteps(facts),
      keywords,
    },
    metadata: {
      // Repeats of a (rule, principal) pair thread together in the channel.
      threadId: clip(
        `trailwatch/${rule.id}/${facts.alertId.slice(facts.alertId.lastIndexOf('/') + 1, facts.alertId.lastIndexOf('/') + 17)}`,
        MAX_SUMMARY_LENGTH,
      ),
      summary: clip(`trailwatch: ${rule.title}: ${sanitizeField(who, 120)} (${facts.count} event${facts.count === 1 ? '' : 's'})`, MAX_SUMMARY_LENGTH),
      eventType: 'trailwatch alert',
      relatedResources: [principal.arn ?? principal.key].map((r) => clip(r, 256)),
      additionalContext: { rule: rule.id, severity: rule.severity, principal: clip(principal.key, 256), alertId: facts.alertId },
    },
  };
}

/** The overflow summary for the alerts beyond the cap, as a notification too. */
export function formatChatbotOverflow(groups: readonly AlertGroup[]): ChatbotNotification {
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  const lines = groups.slice(0, 50).map((g) => `• ${code(g.rule.id)} ${code(g.principalKey, 200)} ${g.count} event(s)`);
  if (groups.length > 50) lines.push(`… and ${groups.length - 50} more`);
  return {
    version: CHATBOT_SCHEMA.version,
    source: CHATBOT_SCHEMA.source,
    id: `overflow/${groups[0]?.rule.id ?? 'none'}/${groups.length}/${total}`,
    content: {
      textType: CHATBOT_SCHEMA.textType,
      title: clip(`:warning: ${groups.length} more alert${groups.length === 1 ? '' : 's'} (${total} events) over the per-invocation cap`, MAX_TITLE_LENGTH),
      description: clip(
        ['Every event is still counted in the metrics. Search CloudTrail for these principals:', '', ...lines].join('\n'),
        MAX_DESCRIPTION_LENGTH,
      ),
      nextSteps: ['Raise NOTIFICATION_CAP, or add suppressions for expected activity.'],
      keywords: ['overflow'],
    },
    metadata: {
      threadId: 'trailwatch/overflow',
      summary: `trailwatch: ${groups.length} more alerts over the cap`,
      eventType: 'trailwatch alert overflow',
      relatedResources: [],
      additionalContext: {},
    },
  };
}

/** SNS message attributes of a chat notification: the same filters as the e-mail topic. */
export function chatAttributes(facts: AlertFacts | undefined): Record<string, MessageAttributeValue> {
  const attribute = (value: string): MessageAttributeValue => ({
    DataType: 'String',
    StringValue: asciiSubject(value, MAX_ATTRIBUTE_VALUE_LENGTH) || 'unknown',
  });
  if (!facts) return { rule: attribute('Overflow') };
  return { rule: attribute(facts.rule.id), severity: attribute(facts.rule.severity), principal: attribute(facts.principal.key) };
}
