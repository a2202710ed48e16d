import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import { type AlertedGroup, type AlertGroup, asciiSubject, consoleUrl, displayValue, MAX_OVERFLOW_LINES, sanitizeField } from '../../alerts';
import { valueAt } from '../../json';
import { MAX_ATTRIBUTE_VALUE_LENGTH, MAX_SNS_MESSAGE_BYTES, MAX_SUBJECT_LENGTH } from './constants';

/** One SNS message, before it is packed into Publish or PublishBatch. */
export interface Notification {
  readonly subject: string;
  readonly message: string;
  readonly attributes: Readonly<Record<string, MessageAttributeValue>>;
}

/** Attribute names subscribers can filter on. */
export const AttributeName = { Rule: 'rule', Account: 'account', IdentityType: 'identityType', Principal: 'principal', Severity: 'severity' } as const;

const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : '-');
const line = (name: string, value: string): string => `  ${`${name}:`.padEnd(17)} ${value}`;

/** The console link to the event ({@link consoleUrl}), or "-" when the record has none. */
export function consoleLink(region: unknown, eventId: unknown): string {
  return consoleUrl(region, eventId) ?? '-';
}

/** The alert for one rule and principal: every fact a responder needs at 3 a.m. */
export function formatAlert(group: AlertedGroup): Notification {
  const { rule, identity: id, first, count } = group;
  const r = first.record;
  const show = (value: unknown): string => displayValue(value);
  const mfa = [
    `mfaAuthenticated=${show(valueAt(r, 'userIdentity', 'sessionContext', 'attributes', 'mfaAuthenticated'))}`,
    `MFAUsed=${show(valueAt(r, 'additionalEventData', 'MFAUsed'))}`,
  ].join(', ');
  const result =
    valueAt(r, 'errorCode') !== undefined
      ? `${show(valueAt(r, 'errorCode'))}: ${show(valueAt(r, 'errorMessage'))}`
      : show(valueAt(r, 'responseElements', 'ConsoleLogin') ?? 'success');
  // Whatever the record gives: an issuer may come with a user name or type and no ARN.
  const issuerDetails = [id.sessionIssuerType, id.sessionIssuerUserName]
    .filter((v) => v !== undefined)
    .map((v) => show(v))
    .join(' ');
  const issuer =
    id.sessionIssuerArn !== undefined
      ? `${sanitizeField(id.sessionIssuerArn)} (${show(id.sessionIssuerType)} ${show(id.sessionIssuerUserName)})`
      : issuerDetails || '-';
  const since = group.sinceLastAlert;
  const sessions =
    group.sessionCount > 1
      ? `${group.sessionNames.map((name) => sanitizeField(name, 128)).join(', ')}${group.sessionCount > group.sessionNames.length ? ` and ${group.sessionCount - group.sessionNames.length} more` : ''}`
      : undefined;
  const lines = [
    `trailwatch: ${rule.title} (${rule.id}, pack ${rule.pack}, severity ${rule.severity})`,
    '',
    `${count} matching event${count === 1 ? '' : 's'} from ${iso(group.firstTime)} to ${iso(group.lastTime)}.`,
    ...(since
      ? [
          `Since the previous alert at ${iso(since.lastAlertAt)}: ${since.count} more event${since.count === 1 ? '' : 's'}, from ${iso(since.first)} to ${iso(since.last)}, counted and not alerted.`,
        ]
      : []),
    '',
    'Who',
    line('Identity type', show(id.type)),
    line('ARN', show(id.arn)),
    line('User name', show(id.userName)),
    line('Role session', show(id.roleSessionName)),
    ...(sessions ? [line(`Sessions (${group.sessionCount})`, sessions)] : []),
    line('Session issuer', issuer),
    line('Principal ID', show(id.principalId)),
    line('Account', show(id.accountId)),
    // The account whose trail recorded the event: with an organization trail, the member account.
    line('Recorded in', show(valueAt(r, 'recipientAccountId'))),
    line('Access key', show(id.accessKeyId)),
    line('Invoked by', show(id.invokedBy)),
    '',
    'From where',
    line('Source IP', group.sourceIps.length ? group.sourceIps.map((ip) => sanitizeField(ip, 64)).join(', ') : '-'),
    line('User agent', show(valueAt(r, 'userAgent'))),
    line('Region', show(valueAt(r, 'awsRegion'))),
    '',
    'What (earliest event)',
    line('Event', `${show(valueAt(r, 'eventSource'))} ${show(valueAt(r, 'eventName'))} (${show(valueAt(r, 'eventType'))})`),
    line('Event time', show(valueAt(r, 'eventTime'))),
    line('Event ID', show(valueAt(r, 'eventID'))),
    line('Result', result),
    line('MFA', mfa),
    line('Console link', consoleLink(valueAt(r, 'awsRegion'), valueAt(r, 'eventID'))),
    '',
    `Event IDs${count > group.eventIds.length ? ` (first ${group.eventIds.length} of ${count})` : ''}:`,
    ...group.eventIds.map((eventId) => `  ${sanitizeField(eventId, 128)}`),
    '',
    `Metric: ${rule.namespace}/${rule.metricName}`,
    `Filter pattern: ${rule.pattern}`,
  ];
  const roleLabel = id.label.includes('/') ? id.label.slice(0, id.label.lastIndexOf('/')) : id.label;
  const who =
    id.type === 'Root' ? `root in ${id.accountId ?? 'unknown account'}` : group.sessionCount > 1 ? `${roleLabel} (${group.sessionCount} sessions)` : id.label;
  return {
    subject: asciiSubject(`trailwatch: ${rule.title}: ${who}${count > 1 ? ` (${count} events)` : ''}`, MAX_SUBJECT_LENGTH),
    message: fitMessage(lines.join('\n')),
    attributes: {
      [AttributeName.Rule]: stringAttribute(rule.id),
      [AttributeName.Account]: stringAttribute(id.accountId ?? 'unknown'),
      [AttributeName.IdentityType]: stringAttribute(id.type ?? 'unknown'),
      // The grouping key: the role (session issuer) for assumed roles, else the ARN.
      [AttributeName.Principal]: stringAttribute(group.principalKey),
      [AttributeName.Severity]: stringAttribute(rule.severity),
    },
  };
}

/** The message that replaces the alerts beyond the cap, so none disappears unannounced. */
export function formatOverflow(groups: readonly AlertGroup[]): Notification {
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  const lines = [
    `trailwatch: ${groups.length} more alert${groups.length === 1 ? '' : 's'} in this batch (${total} events), over the per-invocation cap`,
    '',
    ...groups
      .slice(0, MAX_OVERFLOW_LINES)
      .map(
        (g) =>
          `  ${g.rule.id}  ${sanitizeField(g.principalKey, 200)}  account ${displayValue(g.identity.accountId)}  ${g.count} event(s) from ${iso(g.firstTime)}`,
      ),
    ...(groups.length > MAX_OVERFLOW_LINES ? [`  … and ${groups.length - MAX_OVERFLOW_LINES} more`] : []),
    '',
    'Every event is still counted in the CloudTrailMetrics metrics. Search CloudTrail for the principals above.',
  ];
  return {
    subject: asciiSubject(`trailwatch: ${groups.length} more alerts (${total} events) over the cap`, MAX_SUBJECT_LENGTH),
    message: fitMessage(lines.join('\n')),
    attributes: {
      [AttributeName.Rule]: stringAttribute('Overflow'),
      [AttributeName.Account]: stringAttribute(groups[0]?.identity.accountId ?? 'unknown'),
      [AttributeName.IdentityType]: stringAttribute('various'),
    },
  };
}

function stringAttribute(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: asciiSubject(value, MAX_ATTRIBUTE_VALUE_LENGTH) || 'unknown' };
}

/** Bytes SNS counts for a message: the body plus every attribute's name, type and value. */
export function notificationBytes(n: Notification): number {
  let bytes = Buffer.byteLength(n.message, 'utf8');
  for (const [name, value] of Object.entries(n.attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? '');
  }
  return bytes;
}

/** Room left for attributes: far more than the three short ones need. */
const ATTRIBUTE_ALLOWANCE = 4096;

/** Last line of defence for the 256 KB limit; fields are already bounded, so this rarely cuts. */
function fitMessage(message: string): string {
  const max = MAX_SNS_MESSAGE_BYTES - ATTRIBUTE_ALLOWANCE;
  if (Buffer.byteLength(message, 'utf8') <= max) return message;
  const marker = '\n…[message truncated to fit SNS limits]';
  let cut = message.slice(0, max - marker.length);
  while (Buffer.byteLength(cut, 'utf8') > max - marker.length) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return cut.toWellFormed() + marker;
}
