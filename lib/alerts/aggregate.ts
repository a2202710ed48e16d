import type { Match, Rule } from '../rules';
import type { LogEvent } from '../sources/log-event';
import { MAX_EVENT_IDS_PER_ALERT, MAX_SESSIONS_PER_ALERT, MAX_SOURCE_IPS_PER_ALERT } from './constants';
import { extractIdentity, type Identity, identityKey, recordSessionName } from './identity';

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
  if (list.length === limit) {
    const last = list[limit - 1] as Ranked;
    if (!(time < last.time || (time === last.time && seq < last.seq))) return;
  }
  const entry: Ranked = { time, seq, value };
  if (distinct) {
    let existing = -1;
    for (let i = 0; i < list.length; i++) if ((list[i] as Ranked).value === entry.value) existing = i;
    if (existing >= 0) {
      if (!before(entry, list[existing] as Ranked)) return;
      list.splice(existing, 1);
    }
  }
  if (list.length === limit) {
    if (!before(entry, list[limit - 1] as Ranked)) return;
    list.pop();
  }
  let at = list.length;
  while (at > 0 && before(entry, list[at - 1] as Ranked)) at--;
  list.splice(at, 0, entry);
}

/** Earlier time first; among equal times, the one that arrived first. Module-level: no per-call closure. */
function before(a: Ranked, b: Ranked): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
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
  /** Distinct session names, and the earliest few of them; undefined until a match has one. */
  private sessionSet: Set<string> | undefined;
  private sessions: Ranked[] | undefined;
  private lastSession: string | undefined;

  constructor(
    readonly rule: Rule,
    readonly order: number,
    readonly principalKey: string,
    private firstEvent: LogEvent,
    public firstTime: number,
    private firstSeq: number,
    record: Match['record'],
  ) {
    this.lastTime = firstTime;
    this.firstId = eventId(record, firstEvent.id);
    this.firstIp = sourceIp(record);
    this.addSession(record, firstTime, firstSeq);
  }

  get sessionNames(): readonly string[] {
    return this.sessions ? this.sessions.map((e) => e.value) : [];
  }

  get sessionCount(): number {
    return this.sessionSet?.size ?? 0;
  }

  private addSession(record: Match['record'], time: number, seq: number): void {
    const name = recordSessionName(record);
    if (name === undefined) return;
    this.sessionSet ??= new Set();
    this.sessions ??= [];
    // A session's calls come in runs: the same name as the last one is already in the set.
    if (name !== this.lastSession) {
      this.sessionSet.add(name);
      this.lastSession = name;
    }
    keepEarliest(this.sessions, time, seq, name, MAX_SESSIONS_PER_ALERT, true);
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

  add(logEvent: LogEvent, record: Match['record'], time: number, seq: number): void {
    if (!this.ids) {
      // Second match: start the lists with the first one.
      this.ids = [{ time: this.firstTime, seq: this.firstSeq, value: this.firstId }];
      this.ips = this.firstIp === undefined ? [] : [{ time: this.firstTime, seq: this.firstSeq, value: this.firstIp }];
    }
    this.count++;
    const id = eventId(record, logEvent.id);
    const ip = sourceIp(record);
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
    this.addSession(record, time, seq);
    keepEarliest(this.ids, time, seq, id, MAX_EVENT_IDS_PER_ALERT, false);
    if (ip !== undefined) keepEarliest(this.ips as Ranked[], time, seq, ip, MAX_SOURCE_IPS_PER_ALERT, true);
  }
}

function sourceIp(record: Match['record']): string | undefined {
  const ip = record.sourceIPAddress;
  return typeof ip === 'string' ? ip : undefined;
}

/**
 * Folds matches into one group per rule and principal as they are found, so a batch keeps
 * one record per group instead of every matching record.
 */
export class AlertAccumulator {
  /** Per rule, per principal: no key building on the hot path. */
  private readonly groups = new Map<Rule, Map<string, Group>>();
  private readonly order: ReadonlyMap<Rule, number>;
  /** Per rule, the group of the last match. */
  private readonly last = new Map<Rule, Group>();
  private seq = 0;

  constructor(rules: readonly Rule[]) {
    this.order = new Map(rules.map((rule, index) => [rule, index]));
  }

  /** Adds one match; rules whose alerts are off are skipped. */
  add(rule: Rule, logEvent: LogEvent, record: Match['record']): void {
    if (!rule.alert.enabled) return;
    const time = recordTime(record, logEvent.timestamp);
    const seq = this.seq++;
    const principalKey = identityKey(record);
    // A principal's events come in runs: reuse the last group of the rule before hashing the key.
    const last = this.last.get(rule);
    if (last !== undefined && last.principalKey === principalKey) {
      last.add(logEvent, record, time, seq);
      return;
    }
    let byPrincipal = this.groups.get(rule);
    if (!byPrincipal) {
      byPrincipal = new Map();
      this.groups.set(rule, byPrincipal);
    }
    let group = byPrincipal.get(principalKey);
    if (group) group.add(logEvent, record, time, seq);
    else {
      group = new Group(rule, this.order.get(rule) ?? Number.MAX_SAFE_INTEGER, principalKey, logEvent, time, seq, record);
      byPrincipal.set(principalKey, group);
    }
    this.last.set(rule, group);
  }

  /** The groups, in rule order and then by first event time. */
  result(): AlertGroup[] {
    return [...this.groups.values()].flatMap((byPrincipal) => [...byPrincipal.values()]).sort(byRuleThenTime);
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
