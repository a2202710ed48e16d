import { createHash } from 'node:crypto';
import { valueAt } from '../json';
import type { Severity } from '../rules';
import type { AlertedGroup } from './policy';
import { windowSecondsOf } from './policy';
import { displayValue, sanitizeField } from './sanitize';

/**
 * One alert as structured data: what every output (Chatbot, Security Hub, EventBridge) is
 * built from. Every string that comes from a record is sanitised to one safe line
 * ({@link sanitizeField}) and bounded; absent values are `null`, never `"-"`.
 */
export interface AlertFacts {
  /** Stable per (rule, principal, window): the same alert again (a retry, a repeat in the window) has the same id. */
  readonly alertId: string;
  readonly rule: {
    readonly id: string;
    readonly title: string;
    readonly pack: string;
    readonly severity: Severity;
    readonly namespace: string;
    readonly metricName: string;
    readonly pattern: string;
  };
  readonly principal: {
    /** The grouping key: the role for an assumed role's sessions, else the ARN. */
    readonly key: string;
    readonly label: string;
    readonly type: string | null;
    readonly arn: string | null;
    readonly userName: string | null;
    readonly accountId: string | null;
    readonly sessionIssuerArn: string | null;
    readonly sessionNames: readonly string[];
    readonly sessionCount: number;
    readonly accessKeyId: string | null;
  };
  readonly from: {
    readonly sourceIps: readonly string[];
    readonly userAgent: string | null;
    readonly region: string | null;
  };
  readonly what: {
    readonly eventSource: string | null;
    readonly eventName: string | null;
    readonly eventType: string | null;
    readonly eventId: string | null;
    readonly result: string;
    readonly mfaAuthenticated: string | null;
    readonly mfaUsed: string | null;
    /** The account whose trail recorded the event (with an organization trail, the member account). */
    readonly recipientAccountId: string | null;
  };
  readonly count: number;
  /** ISO times of the first and last matching events of the group. */
  readonly firstTime: string;
  readonly lastTime: string;
  readonly eventIds: readonly string[];
  /** The console page of the earliest event, or null. */
  readonly consoleUrl: string | null;
  /** What was counted and not alerted since the previous alert for the same pair. */
  readonly sinceLastAlert: { readonly lastAlertAt: string; readonly count: number } | null;
  /** Start of the (rule, principal) window the alert belongs to: the alert id's time part. */
  readonly windowStart: string;
}

/** The window an alert id is stable over when the rule has none (critical rules alert every time). */
export const DEFAULT_ID_WINDOW_SECONDS = 3600;

const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : new Date(0).toISOString());

/** A record value as one safe line, or null when absent. */
function text(value: unknown, max = 512): string | null {
  return value === undefined || value === null ? null : displayValue(value, max);
}

/** A console link to the event; region and ID are URL-encoded, so a record cannot change the host. */
export function consoleUrl(region: unknown, eventId: unknown): string | null {
  if (typeof region !== 'string' || typeof eventId !== 'string' || !/^[a-z0-9-]{1,32}$/.test(region)) return null;
  return `https://${region}.console.aws.amazon.com/cloudtrailv2/home?region=${region}#/events/${encodeURIComponent(eventId)}`;
}

/**
 * The id of an alert: a hash of the rule, the principal and the window the group's first
 * event falls in (the rule's alert window, or an hour for a rule without one), so that a
 * retry, or a repeat within the window, names the same alert.
 */
export function alertId(group: Pick<AlertedGroup, 'rule' | 'principalKey' | 'firstTime'>, defaultWindowSeconds: number): { id: string; windowStart: number } {
  const seconds = windowSecondsOf(group.rule, defaultWindowSeconds) || DEFAULT_ID_WINDOW_SECONDS;
  const ms = seconds * 1000;
  const start = Number.isFinite(group.firstTime) ? group.firstTime - (group.firstTime % ms) : 0;
  const hash = createHash('sha256').update(`${group.rule.id}\u0000${group.principalKey}\u0000${start}`).digest('hex').slice(0, 32);
  return { id: `${group.rule.id}/${hash}`, windowStart: start };
}

/** Facts already built, per group: every output of a batch asks for the same ones. */
const built = new WeakMap<AlertedGroup, { readonly windowSeconds: number; readonly facts: AlertFacts }>();

/** The facts of one alerted group, built once for all the outputs that show it. */
export function alertFacts(group: AlertedGroup, defaultWindowSeconds: number): AlertFacts {
  const known = built.get(group);
  if (known?.windowSeconds === defaultWindowSeconds) return known.facts;
  const facts = buildFacts(group, defaultWindowSeconds);
  built.set(group, { windowSeconds: defaultWindowSeconds, facts });
  return facts;
}

function buildFacts(group: AlertedGroup, defaultWindowSeconds: number): AlertFacts {
  const { rule, identity: id, first } = group;
  const r = first.record;
  const errorCode = valueAt(r, 'errorCode');
  const result =
    errorCode !== undefined
      ? `${displayValue(errorCode)}: ${displayValue(valueAt(r, 'errorMessage'))}`
      : displayValue(valueAt(r, 'responseElements', 'ConsoleLogin') ?? 'success');
  const { id: alert, windowStart } = alertId(group, defaultWindowSeconds);
  const since = group.sinceLastAlert;
  return {
    alertId: alert,
    rule: {
      id: rule.id,
      title: rule.title,
      pack: rule.pack,
      severity: rule.severity,
      namespace: rule.namespace,
      metricName: rule.metricName,
      pattern: rule.pattern,
    },
    principal: {
      key: sanitizeField(group.principalKey),
      label: sanitizeField(id.label, 256),
      type: text(id.type),
      arn: text(id.arn),
      userName: text(id.userName),
      accountId: text(id.accountId),
      sessionIssuerArn: text(id.sessionIssuerArn),
      sessionNames: group.sessionNames.map((name) => sanitizeField(name, 128)),
      sessionCount: group.sessionCount,
      accessKeyId: text(id.accessKeyId),
    },
    from: {
      sourceIps: group.sourceIps.map((ip) => sanitizeField(ip, 64)),
      userAgent: text(valueAt(r, 'userAgent')),
      region: text(valueAt(r, 'awsRegion'), 64),
    },
    what: {
      eventSource: text(valueAt(r, 'eventSource'), 128),
      eventName: text(valueAt(r, 'eventName'), 128),
      eventType: text(valueAt(r, 'eventType'), 64),
      eventId: text(valueAt(r, 'eventID'), 128),
      result,
      mfaAuthenticated: text(valueAt(r, 'userIdentity', 'sessionContext', 'attributes', 'mfaAuthenticated'), 16),
      mfaUsed: text(valueAt(r, 'additionalEventData', 'MFAUsed'), 16),
      recipientAccountId: text(valueAt(r, 'recipientAccountId'), 32),
    },
    count: group.count,
    firstTime: iso(group.firstTime),
    lastTime: iso(group.lastTime),
    eventIds: group.eventIds.map((e) => sanitizeField(e, 128)),
    consoleUrl: consoleUrl(valueAt(r, 'awsRegion'), valueAt(r, 'eventID')),
    sinceLastAlert: since ? { lastAlertAt: iso(since.lastAlertAt), count: since.count } : null,
    windowStart: iso(windowStart),
  };
}
