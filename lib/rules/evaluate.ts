import { type LogEvent, parseRecord, RejectReason, toLogEvent } from '../sources/log-event';
import { emptyRuleCounts } from './compiled';
import { buildDispatch, type RuleDispatch, rulesFor } from './dispatch';
import { buildPrecheck, looksLikeObject } from './precheck';
import { isJsonRule, type JsonRule, type Rule, type RuleCounts } from './types';

/** Detailed rejections and rule failures kept per batch; the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 20;

/** One record that one rule matched. */
export interface Match {
  readonly rule: Rule;
  readonly logEventId: string;
  /** The log event's own timestamp (ms since epoch). */
  readonly timestamp: number;
  readonly record: Readonly<Record<string, unknown>>;
  /** The log event's raw message, which the batch holds anyway: what a group keeps instead of the record. */
  readonly message: string;
}

/** A log event skipped because its message is not a JSON object; never carries the message. */
export interface Rejection {
  readonly index: number;
  readonly id: string | undefined;
  readonly reason: RejectReason;
  readonly messageLength: number | undefined;
}

export interface RuleFailure {
  readonly ruleId: string;
  readonly logEventId: string;
  readonly error: unknown;
}

export interface BatchEvaluation {
  /** Log events in the batch, duplicates and rejects included. */
  readonly logEvents: number;
  /** Log events whose message was not a JSON object (or that were not log events). */
  readonly rejected: number;
  /** Repeated log event ids within the batch, counted once. */
  readonly duplicates: number;
  readonly matched: RuleCounts;
  /** Every match, in batch order; empty when {@link EvaluateOptions.onMatch} took them. */
  readonly matches: readonly Match[];
  /** The first {@link MAX_REPORTED_PROBLEMS} rejections. */
  readonly rejections: readonly Rejection[];
  /** Rules that threw (a bug, never expected): the batch goes on without them. */
  readonly ruleFailures: readonly RuleFailure[];
}

export interface EvaluateOptions {
  /**
   * Skip the JSON parse of messages that the exact raw-text pre-check proves no rule can
   * match (default true). Such a message is counted as rejected only if it is not `{…}`.
   */
  readonly precheck?: boolean;
  /**
   * Receives each match as it is found; `matches` then stays empty. Folding matches at once
   * lets each parsed record be collected young instead of kept for the whole batch.
   */
  readonly onMatch?: (rule: Rule, logEvent: LogEvent, record: Readonly<Record<string, unknown>>) => void;
}

/** Messages the pre-check sees before it decides whether it pays for the rest of the batch. */
const PRECHECK_SAMPLE = 256;
/** Below this share of skipped messages in a sample, the pre-check is switched off for the batch. */
const PRECHECK_MIN_SKIP_SHARE = 0.25;

/** Rules to test on a record, each with its counter and the earlier rule whose answer it shares. */
interface Candidates {
  readonly rules: readonly JsonRule[];
  /** Each rule's position in the rule set: the index of its counter. */
  readonly slots: readonly number[];
  /**
   * For a rule whose pattern is the same as an earlier one's in `rules` (CloudWatch.1 and
   * RootAccountUsage), that rule's position: the pattern is tested once. Otherwise -1.
   */
  readonly sameAs: readonly number[];
}

/**
 * What a rule set is evaluated with: its JSON rules with their raw-text pre-check and
 * dispatch (none when it would not pay), and its other rules, which read the raw message.
 */
interface RuleSetPlan {
  readonly mayMatch: (raw: string) => boolean;
  readonly dispatch: RuleDispatch<Candidates> | undefined;
  readonly jsonRules: Candidates;
  readonly textRules: readonly Rule[];
  readonly textSlots: readonly number[];
  /** The most rules any record is tested against. */
  readonly maxCandidates: number;
}

/** What a rule that is not a JSON pattern passes on for a message that is not a JSON object. */
const NO_RECORD: Readonly<Record<string, unknown>> = Object.freeze({});

/** One plan per rule set, built on first use. */
const planCache = new WeakMap<readonly Rule[], RuleSetPlan>();

function planFor(rules: readonly Rule[]): RuleSetPlan {
  let plan = planCache.get(rules);
  if (!plan) {
    const slotOf = new Map(rules.map((rule, i) => [rule, i]));
    // Patterns are the same when their syntax trees are: spacing and parentheses do not count.
    const shapeOf = new Map(rules.map((rule) => [rule, isJsonRule(rule) ? JSON.stringify(rule.compiled.ast) : '']));
    const candidates = (list: readonly JsonRule[]): Candidates => ({
      rules: list,
      slots: list.map((rule) => slotOf.get(rule) as number),
      sameAs: list.map((rule, i) => list.findIndex((other, j) => j < i && shapeOf.get(other) === shapeOf.get(rule))),
    });
    const jsonRules = rules.filter(isJsonRule);
    const textRules = rules.filter((rule) => !isJsonRule(rule));
    const dispatch = buildDispatch(jsonRules, candidates);
    plan = {
      mayMatch: buildPrecheck(jsonRules),
      dispatch,
      jsonRules: candidates(jsonRules),
      textRules,
      textSlots: textRules.map((rule) => slotOf.get(rule) as number),
      maxCandidates: jsonRules.length,
    };
    planCache.set(rules, plan);
  }
  return plan;
}

/** A pattern's answer for one record: it matched, it did not, or it threw. */
const Outcome = { Miss: 0, Hit: 1, Threw: 2 } as const;

/** The ids of the valid log events of `entries` before `end`. */
function validIds(entries: readonly unknown[], end: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < end; i++) {
    const logEvent = toLogEvent(entries[i]);
    if (logEvent) ids.push(logEvent.id);
  }
  return ids;
}

/**
 * Checks every log event of a batch against every rule. Never throws: a bad log event
 * is counted in `rejected`, a rule that throws is reported in `ruleFailures`.
 */
export function evaluateBatch(entries: readonly unknown[], rules: readonly Rule[], options: EvaluateOptions = {}): BatchEvaluation {
  return new BatchEvaluator(rules, options).add(entries, true).finish();
}

/**
 * {@link evaluateBatch} fed in parts: one batch made of several lists of log events (a
 * Kinesis invocation's records), each of which can be let go once it is added. Duplicate ids
 * are found across the parts; rejection indexes count from the first part's first entry.
 */
export class BatchEvaluator {
  private readonly plan: RuleSetPlan;
  private readonly mayMatch: ((raw: string) => boolean) | undefined;
  /** Counters by rule position: an array store per match instead of a keyed one by rule id. */
  private readonly counts: number[];
  /** Per record, each candidate's answer (and error), so that a rule sharing a pattern reuses it. */
  private readonly outcomes: Uint8Array;
  private readonly errors: unknown[];
  private readonly matches: Match[] = [];
  private readonly rejections: Rejection[] = [];
  private readonly ruleFailures: RuleFailure[] = [];
  private readonly onMatch: NonNullable<EvaluateOptions['onMatch']>;
  // Duplicate ids: CloudWatch Logs ids mostly arrive in increasing order, and a strictly
  // increasing run has no duplicates, so the set (hashing every 56-digit id) is only built
  // once an id breaks the run. Until then, earlier parts keep only their ids.
  private lastId = '';
  private seen: Set<string> | undefined;
  private earlierIds: string[] = [];
  private offset = 0;
  private rejected = 0;
  private duplicates = 0;
  // The pre-check pays when most messages cannot match (no pre-filter, or a broad one). When
  // most are candidates it only adds a scan, so after a sample it steps aside for the rest
  // of the batch. Results are identical either way: on a parse failure the pre-check still
  // decides whether the message counts as rejected (see add).
  private precheckOn: boolean;
  private checked = 0;
  private skipped = 0;

  constructor(
    private readonly rules: readonly Rule[],
    options: EvaluateOptions = {},
  ) {
    this.plan = planFor(rules);
    this.mayMatch = options.precheck === false ? undefined : this.plan.mayMatch;
    this.precheckOn = this.mayMatch !== undefined;
    this.counts = new Array<number>(rules.length).fill(0);
    this.outcomes = new Uint8Array(this.plan.maxCandidates);
    this.errors = new Array<unknown>(this.plan.maxCandidates);
    const matches = this.matches;
    this.onMatch =
      options.onMatch ??
      ((rule: Rule, logEvent: LogEvent, record: Readonly<Record<string, unknown>>) =>
        void matches.push({ rule, logEventId: logEvent.id, timestamp: logEvent.timestamp, record, message: logEvent.message }));
  }

  private reject(index: number, id: string | undefined, reason: RejectReason, messageLength?: number): void {
    this.rejected++;
    if (this.rejections.length < MAX_REPORTED_PROBLEMS) this.rejections.push({ index: this.offset + index, id, reason, messageLength });
  }

  /** Evaluates the next part of the batch; `last` when no part follows (its ids need not be kept). */
  add(entries: readonly unknown[], last = false): this {
    const { rules, mayMatch, counts, outcomes, errors, ruleFailures, onMatch } = this;
    const { dispatch, jsonRules, textRules, textSlots } = this.plan;
    let { lastId, seen, precheckOn, checked, skipped } = this;
    for (let index = 0; index < entries.length; index++) {
      const logEvent = toLogEvent(entries[index]);
      if (!logEvent) {
        this.reject(index, undefined, RejectReason.InvalidLogEvent);
        continue;
      }
      const id = logEvent.id;
      if (seen === undefined && id > lastId) {
        lastId = id;
      } else {
        if (seen === undefined) {
          seen = new Set(this.earlierIds.concat(validIds(entries, index)));
          this.earlierIds = [];
        }
        if (seen.has(id)) {
          this.duplicates++;
          continue;
        }
        seen.add(id);
      }
      // Rules that read the raw message (terms, regex, space-delimited); none in the packs.
      const textHits = textRules.length === 0 ? undefined : matchText(textRules, textSlots, logEvent, ruleFailures);
      if (precheckOn && !textHits) {
        const skip = !(mayMatch as (raw: string) => boolean)(logEvent.message);
        if (skip) skipped++;
        if (++checked === PRECHECK_SAMPLE) {
          precheckOn = skipped >= PRECHECK_SAMPLE * PRECHECK_MIN_SKIP_SHARE;
          checked = 0;
          skipped = 0;
        }
        if (skip) {
          if (!looksLikeObject(logEvent.message)) this.reject(index, logEvent.id, RejectReason.NotObject, logEvent.message.length);
          continue;
        }
      }
      const record = parseRecord(logEvent.message);
      if (typeof record === 'string') {
        if (textHits) emit(textHits, rules, logEvent, NO_RECORD, counts, onMatch);
        // What the pre-check would have skipped is not rejected, whichever path ran.
        if (mayMatch && looksLikeObject(logEvent.message) && !mayMatch(logEvent.message)) continue;
        this.reject(index, logEvent.id, record, logEvent.message.length);
        continue;
      }
      const { rules: candidates, slots, sameAs } = dispatch ? rulesFor(dispatch, record) : jsonRules;
      for (let r = 0; r < candidates.length; r++) {
        const rule = candidates[r] as JsonRule;
        const twin = sameAs[r] as number;
        let outcome: number;
        if (twin >= 0) {
          outcome = outcomes[twin] as number;
          errors[r] = errors[twin];
        } else {
          try {
            outcome = rule.compiled.matches(record) ? Outcome.Hit : Outcome.Miss;
          } catch (error) {
            outcome = Outcome.Threw;
            errors[r] = error;
          }
        }
        outcomes[r] = outcome;
        if (outcome === Outcome.Hit) {
          const slot = slots[r] as number;
          counts[slot] = (counts[slot] as number) + 1;
          onMatch(rule, logEvent, record);
        } else if (outcome === Outcome.Threw && ruleFailures.length < MAX_REPORTED_PROBLEMS) {
          ruleFailures.push({ ruleId: rule.id, logEventId: logEvent.id, error: errors[r] });
        }
      }
      if (textHits) emit(textHits, rules, logEvent, record, counts, onMatch);
    }
    if (seen === undefined && !last) this.earlierIds = this.earlierIds.concat(validIds(entries, entries.length));
    this.lastId = lastId;
    this.seen = seen;
    this.precheckOn = precheckOn;
    this.checked = checked;
    this.skipped = skipped;
    this.offset += entries.length;
    return this;
  }

  /** What the batch's parts add up to. */
  finish(): BatchEvaluation {
    const { rules, counts, rejected, duplicates, matches, rejections, ruleFailures } = this;
    const matched = emptyRuleCounts(rules);
    for (let i = 0; i < rules.length; i++) {
      const id = (rules[i] as Rule).id;
      matched[id] = (matched[id] as number) + (counts[i] as number);
    }
    return { logEvents: this.offset, rejected, duplicates, matched, matches, rejections, ruleFailures };
  }
}

/** The positions of the rules (none JSON) that match the log event's raw message, or undefined for none. */
function matchText(rules: readonly Rule[], slots: readonly number[], logEvent: LogEvent, ruleFailures: RuleFailure[]): number[] | undefined {
  let hits: number[] | undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as Rule;
    try {
      if (rule.compiled.matchesMessage(logEvent.message)) {
        hits ??= [];
        hits.push(slots[i] as number);
      }
    } catch (error) {
      if (ruleFailures.length < MAX_REPORTED_PROBLEMS) ruleFailures.push({ ruleId: rule.id, logEventId: logEvent.id, error });
    }
  }
  return hits;
}

function emit(
  hits: readonly number[],
  rules: readonly Rule[],
  logEvent: LogEvent,
  record: Readonly<Record<string, unknown>>,
  counts: number[],
  onMatch: NonNullable<EvaluateOptions['onMatch']>,
): void {
  for (const slot of hits) {
    counts[slot] = (counts[slot] as number) + 1;
    onMatch(rules[slot] as Rule, logEvent, record);
  }
}
