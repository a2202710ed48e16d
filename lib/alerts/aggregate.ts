import type { Match } from '../rules/evaluate';
import type { Rule } from '../rules/compiled';
import { extractIdentity, type Identity } from './identity';
import { MAX_EVENT_IDS_PER_ALERT, MAX_SOURCE_IPS_PER_ALERT } from '../sinks/sns/constants';

/** All of one principal's matches of one rule within a batch. */
export interface AlertGroup {
  readonly rule: Rule;
  readonly identity: Identity;
  /** The earliest matching event, whose details the alert shows. */
  readonly first: Match;
  readonly count: number;
  readonly firstTime: number;
  readonly lastTime: number;
  /** The first few event IDs, in time order. */
  readonly eventIds: readonly string[];
  /** The first few distinct source IPs. */
  readonly sourceIps: readonly string[];
}

/** When the event happened: CloudTrail's eventTime, else the log event's timestamp. */
export function eventTime(match: Match): number {
  const parsed = typeof match.record['eventTime'] === 'string' ? Date.parse(match.record['eventTime']) : NaN;
  return Number.isFinite(parsed) ? parsed : match.timestamp;
}

/**
 * Groups matches per rule and principal, in rule order and then by first event time,
 * so one alert says "this principal did this N times", not N alerts.
 */
export function aggregateMatches(matches: readonly Match[], rules: readonly Rule[]): AlertGroup[] {
  const groups = new Map<string, { rule: Rule; identity: Identity; members: { match: Match; time: number }[] }>();
  for (const match of matches) {
    const identity = extractIdentity(match.record);
    const key = `${match.rule.id}\u0000${identity.key}`;
    const group = groups.get(key);
    const member = { match, time: eventTime(match) };
    if (group) group.members.push(member);
    else groups.set(key, { rule: match.rule, identity, members: [member] });
  }
  const result = [...groups.values()].map(({ rule, identity, members }) => {
    members.sort((a, b) => a.time - b.time);
    const sourceIps: string[] = [];
    for (const { match } of members) {
      const ip = match.record['sourceIPAddress'];
      if (typeof ip === 'string' && !sourceIps.includes(ip)) sourceIps.push(ip);
      if (sourceIps.length >= MAX_SOURCE_IPS_PER_ALERT) break;
    }
    const first = members[0] as { match: Match; time: number };
    return {
      rule,
      identity,
      first: first.match,
      count: members.length,
      firstTime: first.time,
      lastTime: (members[members.length - 1] as { time: number }).time,
      eventIds: members.slice(0, MAX_EVENT_IDS_PER_ALERT).map(({ match }) => eventId(match)),
      sourceIps,
    };
  });
  return result.sort((a, b) => rules.indexOf(a.rule) - rules.indexOf(b.rule) || a.firstTime - b.firstTime);
}

function eventId(match: Match): string {
  const id = match.record['eventID'];
  return typeof id === 'string' ? id : `(log event ${match.logEventId})`;
}
