import { identityKey, type WindowState } from '../alerts';
import type { Config } from '../config';
import { decide, evaluateForAlerts, summaryMessages } from '../pipeline';
import type { Rule, RuleCounts } from '../rules';
import { addCounts, emptyRuleCounts } from '../rules';
import type { FileProblem, FileRecord } from '../sources/files';
import type { LogEvent } from '../sources/log-event';
import type { Suppression } from '../suppressions';

/**
 * Log events per replayed batch: about what one CloudWatch Logs subscription delivery of
 * CloudTrail records holds (1 MB of ~1.5 KB records), so the per-invocation alert cap
 * (NOTIFICATION_CAP) applies as it would have.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
export const DEFAULT_REPLAY_BATCH_SIZE = 500;
/** A batch never spans more than this, so every datapoint stays in the metric window of its batch's clock. */
const MAX_BATCH_SPAN_MS = 24 * 3_600_000;
const MINUTE_MS = 60_000;

export interface ReplayOptions {
  readonly rules: readonly Rule[];
  /** The function's settings (packs, namespace, windows, cap) as the replay applies them. */
  readonly config: Config;
  readonly suppressions?: readonly Suppression[];
  readonly batchSize?: number;
  /** Only records with `eventTime` (or timestamp) at or after this, epoch ms. */
  readonly since?: number;
  /** Only records before this, epoch ms. */
  readonly until?: number;
  /** Sees every match: the JSON Lines output. */
  readonly onMatch?: (match: ReplayMatch) => void;
}

/** One match, as `--jsonl` prints it. */
export interface ReplayMatch {
  readonly rule: string;
  readonly severity: string;
  readonly time: string;
  readonly file: string;
  readonly position: string;
  readonly principal: string;
  readonly eventName: unknown;
  readonly eventSource: unknown;
  readonly eventID: unknown;
  readonly sourceIPAddress: unknown;
}

/** One minute of one metric: the value the metric would have had. */
export interface MetricMinute {
  readonly namespace: string;
  readonly metricName: string;
  /** ISO time of the minute's start. */
  readonly minute: string;
  readonly value: number;
}

/** One alert the function would have sent. */
export interface ReplayAlert {
  readonly subject: string;
  readonly message: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface ReplayResult {
  /** Log events read and replayed (inside `since`/`until`). */
  readonly records: number;
  /** Log events read but outside `since`/`until`. */
  readonly outsideTimeRange: number;
  /** Same shape as the handler summary's `matched`. */
  readonly matched: RuleCounts;
  /** Log events that were not a JSON object (counted by rules that need one as no match). */
  readonly rejected: number;
  readonly deduplicated: RuleCounts;
  readonly suppressed: RuleCounts;
  /** Every minute with a datapoint, by metric then time. */
  readonly metrics: readonly MetricMinute[];
  readonly alerts: readonly ReplayAlert[];
  /** Records and files that could not be read or were rejected, with where. */
  readonly problems: readonly FileProblem[];
  /** ISO times of the first and last record replayed. */
  readonly from: string | undefined;
  readonly to: string | undefined;
}

interface Pending {
  readonly file: string;
  readonly position: string;
}

/**
 * The function's pipeline over files: records go through the same rules, suppressions and
 * alert policy, in batches, with the clock at each batch's last event so that alert windows
 * follow event time. Keeps per-minute sums and alerts, never records, so memory does not
 * grow with the input.
 */
export class Replay {
  private readonly batchSize: number;
  private events: LogEvent[] = [];
  private positions: Pending[] = [];
  private batchStart = 0;
  private seq = 0;
  private readonly windows = new Map<string, WindowState>();
  private readonly metricSums = new Map<string, { namespace: string; metricName: string; minute: number; value: number }>();
  private readonly alerts: ReplayAlert[] = [];
  private readonly problems: FileProblem[] = [];
  private readonly matched: RuleCounts;
  private readonly deduplicated: RuleCounts = {};
  private readonly suppressed: RuleCounts = {};
  private records = 0;
  private outside = 0;
  private rejected = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ReplayOptions) {
    this.batchSize = options.batchSize ?? DEFAULT_REPLAY_BATCH_SIZE;
    this.matched = emptyRuleCounts(options.rules);
  }

  /** Records read (and replayed or left out by time) so far. */
  get seen(): number {
    return this.records + this.outside;
  }

  /** Adds a file's records, in file order; full batches are replayed at once. */
  add(file: string, records: readonly FileRecord[]): void {
    const { since, until } = this.options;
    for (const record of records) {
      const time = record.timestamp;
      if ((since !== undefined && time < since) || (until !== undefined && time >= until)) {
        this.outside++;
        continue;
      }
      if (this.events.length > 0 && Math.abs(time - this.batchStart) > MAX_BATCH_SPAN_MS) this.flush();
      if (this.events.length === 0) this.batchStart = time;
      // Increasing ids: the engine's duplicate check never mistakes two records for one.
      this.events.push({ id: String(this.seq++).padStart(16, '0'), timestamp: time, message: record.message });
      this.positions.push({ file, position: record.position });
      if (this.events.length >= this.batchSize) this.flush();
    }
  }

  /** Reports a problem found while reading. */
  problem(problem: FileProblem): void {
    this.problems.push(problem);
  }

  /** Replays what is left and returns the totals. */
  finish(): ReplayResult {
    this.flush();
    const metrics = [...this.metricSums.values()]
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.metricName.localeCompare(b.metricName) || a.minute - b.minute)
      .map(({ namespace, metricName, minute, value }) => ({ namespace, metricName, minute: new Date(minute).toISOString(), value }));
    return {
      records: this.records,
      outsideTimeRange: this.outside,
      matched: this.matched,
      rejected: this.rejected,
      deduplicated: this.deduplicated,
      suppressed: this.suppressed,
      metrics,
      alerts: this.alerts,
      problems: this.problems,
      from: this.records > 0 ? new Date(this.first).toISOString() : undefined,
      to: this.records > 0 ? new Date(this.last).toISOString() : undefined,
    };
  }

  private flush(): void {
    if (this.events.length === 0) return;
    const { rules, config, suppressions = [], onMatch } = this.options;
    const logEvents = this.events;
    const positions = this.positions;
    this.events = [];
    this.positions = [];
    let now = Number.NEGATIVE_INFINITY;
    for (const event of logEvents) {
      if (event.timestamp > now) now = event.timestamp;
      if (event.timestamp < this.first) this.first = event.timestamp;
    }
    if (now > this.last) this.last = now;
    const base = this.seq - logEvents.length;
    const observe = onMatch
      ? (rule: Rule, logEvent: LogEvent, record: Readonly<Record<string, unknown>>) => {
          const at = positions[Number(logEvent.id) - base] as Pending;
          onMatch({
            rule: rule.id,
            severity: rule.severity,
            time: new Date(logEvent.timestamp).toISOString(),
            file: at.file,
            position: at.position,
            principal: identityKey(record),
            eventName: record.eventName,
            eventSource: record.eventSource,
            eventID: record.eventID,
            sourceIPAddress: record.sourceIPAddress,
          });
        }
      : undefined;
    const batch = { origin: { owner: undefined, logGroup: 'replay', logStream: positions[0]?.file }, logEvents };
    // The clock is the batch's last event (+1 ms): every datapoint is inside the metric window.
    // As in the function, the exact raw-text pre-check spares the parse of records no rule can
    // match; a record that is not `{…}` is still reported, and gzip's CRC and the splitter's
    // structure check catch a damaged file.
    const evaluated = evaluateForAlerts(batch, rules, config, suppressions, now + 1, observe);
    const plan = decide(evaluated, config, { windows: this.windows }, now + 1);
    for (const [key, state] of plan.windowUpdates) this.windows.set(key, state);
    const { evaluation } = evaluated;
    this.records += logEvents.length;
    this.rejected += evaluation.rejected;
    for (const rejection of evaluation.rejections) {
      const at = positions[rejection.index];
      if (at) this.problems.push({ path: at.file, position: at.position, reason: `not a JSON object (${rejection.reason})` });
    }
    addCounts(this.matched, evaluation.matched);
    addCounts(this.deduplicated, plan.summary.deduplicated);
    addCounts(this.suppressed, plan.summary.suppressed);
    for (const point of plan.decisions.metricPoints) {
      const key = `${point.namespace}\u0000${point.metricName}\u0000${point.minute}`;
      const sum = this.metricSums.get(key);
      const value = point.value * point.count;
      if (sum) sum.value += value;
      else this.metricSums.set(key, { namespace: point.namespace, metricName: point.metricName, minute: point.minute - (point.minute % MINUTE_MS), value });
    }
    for (const message of summaryMessages(plan.summary)) {
      const attributes: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) if (value.StringValue !== undefined) attributes[name] = value.StringValue;
      this.alerts.push({ subject: message.Subject ?? '', message: message.Message ?? '', attributes });
    }
  }
}
