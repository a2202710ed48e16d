import type { Match, Rule } from '../rules';
import type { LogEvent } from '../sources/log-event';
import { MAX_EVENT_IDS_PER_ALERT, MAX_SESSIONS_PER_ALERT, MAX_SOURCE_IPS_PER_ALERT } from './constants';
import { extractIdentity, type Identity, identityKey, principalArn, sessionName } from './identity';

/** All of one principal's matches of one rule within a batch. */
export interface AlertGroup {
  readonly rule: Rule;
  /** The grouping key of the principal ({@link identityKey}): its ARN where the record has one. */
  readonly principalKey: string;
  readonly identity: Identity;
  /** The earliest matching event, whose details the alert shows. */
  readonly first: Match;
  readonly count: number;
  readonly firstTime: number;
  readonly lastTime: number;
  /** The first few event IDs, in time order. */
  readonly eventIds: readonly string[];
  /** The first few distinct source IPs, in time order. */
  readonly sourceIps: readonly string[];
  /** For a role's sessions (grouped by their issuer): the first few distinct session names, in time order. */
  readonly sessionNames: readonly string[];
  /** How many distinct sessions the group holds (0 when the principal is not an assumed role). */
  readonly sessionCount: number;
}

/** When the event happened: CloudTrail's eventTime, else the log event's timestamp. */
export function eventTime(match: Match): number {
  return recordTime(match.record, match.timestamp);
}

/** The last eventTime parsed: a batch's records share their second, so most parses are skipped. */
let lastTimeText = '';
let lastTimeParsed = Number.NaN;

function recordTime(record: Match['record'], fallback: number): number {
  const text = record.eventTime;
  if (typeof text !== 'string') return fallback;
  if (text !== lastTimeText) {
    lastTimeText = text;
    lastTimeParsed = Date.parse(text);
  }
  return Number.isFinite(lastTimeParsed) ? lastTimeParsed : fallback;
}

/** A value with the time and arrival order that rank it; the earliest `limit` are kept. */
interface Ranked {
  time: number;
  seq: number;
  value: string;
}

/**
 * Keeps the `limit` earliest entries (by time, then arrival), distinct by value if asked:
 * the same list a full sort of every match would give, in O(limit) memory per group.
 */
function keepEarliest(list: Ranked[], time: number, seq: number, value: string, limit: number, distinct: boolean): void {
  // Not before the last of a full list: it can neither enter nor move an entry of the same
  // value earlier (that entry is no later than the last). The common case: no allocation.
  if (list.length === limit && !before(time, seq, list[limit - 1] as Ranked)) return;
  if (distinct) {
    // The list's values are distinct: at most one entry has this value. A value already kept
    // at an earlier time (a principal's usual IP, a session's later calls) allocates nothing.
    for (let i = 0; i < list.length; i++) {
      const kept = list[i] as Ranked;
      if (kept.value !== value) continue;
      if (!before(time, seq, kept)) return;
      list.splice(i, 1);
      break;
    }
  }
  if (list.length === limit) {
    if (!before(time, seq, list[limit - 1] as Ranked)) return;
    list.pop();
  }
  let at = list.length;
  while (at > 0 && before(time, seq, list[at - 1] as Ranked)) at--;
  list.splice(at, 0, { time, seq, value });
}

/** Earlier time first; among equal times, the one that arrived first. Module-level: no per-call closure. */
function before(time: number, seq: number, b: Ranked): boolean {
  return time < b.time || (time === b.time && seq < b.seq);
}

/**
 * What a group takes from one matching record. A record that matches several rules (a root
 * action counts for RootAccountUsage and CloudWatch.1) is read once, not once per rule.
 */
interface RecordFacts {
  /** What the facts were read from. */
  readonly record: Match['record'];
  readonly logEvent: LogEvent;
  readonly time: number;
  /** The principal's number within the batch: its {@link identityKey}, hashed once per record. */
  readonly principal: number;
  readonly principalKey: string;
  readonly eventId: string;
  readonly ip: string | undefined;
  /** The principal's ARN, from which an assumed role's session name is read when a group is shown. */
  readonly arn: string | undefined;
}

/**
 * One group while the batch is read. It keeps the first match's raw message (which the batch
 * holds anyway), not its parsed record, so a batch of many principals retains no object
 * graphs; the record is parsed again only for a group that is formatted.
 */
class Group implements AlertGroup {
  private cachedFirst: Match | undefined;
  private cachedIdentity: Identity | undefined;
  count = 1;
  lastTime: number;
  /** Filled from the second match on; a one-event group needs no lists. */
  private ids: Ranked[] | undefined;
  private ips: Ranked[] | undefined;
  private firstId: string;
  private firstIp: string | undefined;
  /**
   * The principal ARNs seen, each with the earliest time (and arrival) of its run of calls.
   * Session names are read from them only when the group is shown: most groups of a busy
   * batch are inside their alert window and never are, and an ARN costs a push, not a search
   * and a hash.
   */
  private readonly arns: string[] = [];
  private readonly arnTimes: number[] = [];
  private readonly arnSeqs: number[] = [];
  private sessions: { readonly names: readonly string[]; readonly count: number } | undefined;

  readonly principal: number;
  readonly principalKey: string;
  firstTime: number;
  private firstSeq: number;

  constructor(
    readonly rule: Rule,
    readonly order: number,
    private firstEvent: LogEvent,
    facts: RecordFacts,
    seq: number,
  ) {
    this.principal = facts.principal;
    this.principalKey = facts.principalKey;
    this.firstTime = facts.time;
    this.lastTime = facts.time;
    this.firstSeq = seq;
    this.firstId = facts.eventId;
    this.firstIp = facts.ip;
    this.addArn(facts.arn, facts.time, seq);
  }

  get sessionNames(): readonly string[] {
    return this.readSessions().names;
  }

  get sessionCount(): number {
    return this.readSessions().count;
  }

  private addArn(arn: string | undefined, time: number, seq: number): void {
    if (arn === undefined) return;
    this.sessions = undefined;
    const { arns, arnTimes: times, arnSeqs: seqs } = this;
    const last = arns.length - 1;
    // A session's calls come in runs: one entry per run, at the run's earliest call.
    if (last >= 0 && arns[last] === arn) {
      if (time < (times[last] as number)) {
        times[last] = time;
        seqs[last] = seq;
      }
      return;
    }
    arns.push(arn);
    times.push(time);
    seqs.push(seq);
  }

  /** The distinct session names, and the earliest few of them in time order. */
  private readSessions(): { readonly names: readonly string[]; readonly count: number } {
    if (this.sessions) return this.sessions;
    const distinct = new Set<string>();
    const earliest: Ranked[] = [];
    const { arns, arnTimes, arnSeqs } = this;
    for (let i = 0; i < arns.length; i++) {
      const name = sessionName(arns[i]);
      if (name === undefined) continue;
      distinct.add(name);
      keepEarliest(earliest, arnTimes[i] as number, arnSeqs[i] as number, name, MAX_SESSIONS_PER_ALERT, true);
    }
    this.sessions = { names: earliest.map((e) => e.value), count: distinct.size };
    return this.sessions;
  }

  get first(): Match {
    const { id, timestamp, message } = this.firstEvent;
    this.cachedFirst ??= { rule: this.rule, logEventId: id, timestamp, message, record: JSON.parse(message) as Match['record'] };
    return this.cachedFirst;
  }

  get identity(): Identity {
    this.cachedIdentity ??= extractIdentity(this.first.record);
    return this.cachedIdentity;
  }

  get eventIds(): readonly string[] {
    return this.ids ? this.ids.map((e) => e.value) : [this.firstId];
  }

  get sourceIps(): readonly string[] {
    if (this.ips) return this.ips.map((e) => e.value);
    return this.firstIp === undefined ? [] : [this.firstIp];
  }

  add(logEvent: LogEvent, facts: RecordFacts, seq: number): void {
    if (!this.ids) {
      // Second match: start the lists with the first one.
      this.ids = [{ time: this.firstTime, seq: this.firstSeq, value: this.firstId }];
      this.ips = this.firstIp === undefined ? [] : [{ time: this.firstTime, seq: this.firstSeq, value: this.firstIp }];
    }
    this.count++;
    const { time, eventId: id, ip } = facts;
    if (time < this.firstTime) {
      this.firstEvent = logEvent;
      this.firstTime = time;
      this.firstSeq = seq;
      this.firstId = id;
      this.firstIp = ip;
      this.cachedFirst = undefined;
      this.cachedIdentity = undefined;
    }
    if (time >= this.lastTime) this.lastTime = time;
    this.addArn(facts.arn, time, seq);
    keepEarliest(this.ids, time, seq, id, MAX_EVENT_IDS_PER_ALERT, false);
    if (ip !== undefined) keepEarliest(this.ips as Ranked[], time, seq, ip, MAX_SOURCE_IPS_PER_ALERT, true);
  }
}

function sourceIp(record: Match['record']): string | undefined {
  const ip = record.sourceIPAddress;
  return typeof ip === 'string' ? ip : undefined;
}

/** One rule's groups while a batch is read. */
interface RuleGroups {
  readonly order: number;
  /** By principal number. */
  readonly byPrincipal: Map<number, Group>;
  /** The group of the rule's last match. */
  last: Group | undefined;
}

/**
 * Folds matches into one group per rule and principal as they are found, so a batch keeps
 * one record per group instead of every matching record.
 */
export class AlertAccumulator {
  private readonly byRule = new Map<Rule, RuleGroups>();
  private readonly order: ReadonlyMap<Rule, number>;
  /** Each principal key seen, numbered: groups are then found by number, not by hashing the key again for every rule. */
  private readonly principals = new Map<string, number>();
  private seq = 0;
  /** The facts of the last record added. */
  private facts: RecordFacts | undefined;

  constructor(rules: readonly Rule[]) {
    this.order = new Map(rules.map((rule, index) => [rule, index]));
  }

  /** Adds one match; rules whose alerts are off are skipped. */
  add(rule: Rule, logEvent: LogEvent, record: Match['record']): void {
    if (!rule.alert.enabled) return;
    // Matches arrive record by record, each record's rules in a row.
    let facts = this.facts;
    if (facts === undefined || facts.record !== record || facts.logEvent !== logEvent) {
      facts = this.readFacts(record, logEvent);
      this.facts = facts;
    }
    const seq = this.seq++;
    let groups = this.byRule.get(rule);
    if (!groups) {
      groups = { order: this.order.get(rule) ?? Number.MAX_SAFE_INTEGER, byPrincipal: new Map(), last: undefined };
      this.byRule.set(rule, groups);
    }
    // A principal's events come in runs: the rule's last group is the likeliest.
    let group = groups.last;
    if (group === undefined || group.principal !== facts.principal) group = groups.byPrincipal.get(facts.principal);
    if (group) group.add(logEvent, facts, seq);
    else {
      group = new Group(rule, groups.order, logEvent, facts, seq);
      groups.byPrincipal.set(facts.principal, group);
    }
    groups.last = group;
  }

  private readFacts(record: Match['record'], logEvent: LogEvent): RecordFacts {
    const principalKey = identityKey(record);
    let principal = this.principals.get(principalKey);
    if (principal === undefined) {
      principal = this.principals.size;
      this.principals.set(principalKey, principal);
    }
    return {
      record,
      logEvent,
      time: recordTime(record, logEvent.timestamp),
      principal,
      principalKey,
      eventId: eventId(record, logEvent.id),
      ip: sourceIp(record),
      arn: principalArn(record),
    };
  }

  /** The groups, in rule order and then by first event time. */
  result(): AlertGroup[] {
    return [...this.byRule.values()].flatMap((groups) => [...groups.byPrincipal.values()]).sort(byRuleThenTime);
  }
}

function byRuleThenTime(a: Group, b: Group): number {
  return a.order - b.order || a.firstTime - b.firstTime;
}

/**
 * Groups matches per rule and principal, in rule order and then by first event time,
 * so one alert says "this principal did this N times", not N alerts.
 */
export function aggregateMatches(matches: readonly Match[], rules: readonly Rule[]): AlertGroup[] {
  const accumulator = new AlertAccumulator(rules);
  for (const match of matches) accumulator.add(match.rule, { id: match.logEventId, timestamp: match.timestamp, message: match.message }, match.record);
  return accumulator.result();
}

function eventId(record: Match['record'], logEventId: string): string {
  const id = record.eventID;
  return typeof id === 'string' ? id : `(log event ${logEventId})`;
}
