import type { PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { PublishBatchCommandInput, PublishCommandInput } from '@aws-sdk/client-sns';
import { AlertAccumulator, type AlertGroup, applyAlertPolicy, type WindowState } from './alerts';
import type { Config } from './config';
import { type BatchEvaluation, BatchEvaluator, type Match, type Rule, type RuleCounts } from './rules';
import { ALERT_SINKS, type Decisions, enabledOptionalSinks, planSinks, type SinkRequests } from './sinks';
import { MetricAccumulator } from './sinks/metrics';
import type { LogEvent, SourceBatch } from './sources';
import { type Suppression, suppressionFor } from './suppressions';

/** What every invocation returns and logs: a contract that tests and tools rely on. */
export interface Summary {
  /** Log events in the batch (duplicates and rejects included). */
  readonly logEvents: number;
  /** Log events whose message was not a JSON object. Never more than `logEvents`. */
  readonly rejected: number;
  /** Repeated log event ids in the batch, counted once. */
  readonly duplicates: number;
  /** Events counted per rule id, exactly as the metric filters would count them. */
  readonly matched: RuleCounts;
  /** SNS messages sent, or that would be sent in dry-run mode. */
  readonly notifications: number;
  /** The PutMetricData inputs. */
  readonly metrics: readonly PutMetricDataCommandInput[];
  /** The Publish / PublishBatch inputs. */
  readonly messages: readonly (PublishCommandInput | PublishBatchCommandInput)[];
  /** True when nothing was sent. */
  readonly dryRun: boolean;
  /**
   * True when this batch was delivered before (same log group, stream and log event ids):
   * nothing is published or alerted again, and `metrics` and `messages` are empty.
   */
  readonly replayed: boolean;
  /** Matches counted in the state but not alerted (inside their alert window), per rule id. */
  readonly deduplicated: RuleCounts;
  /** Matches counted but not alerted because a suppression covers them, per rule id. */
  readonly suppressed: RuleCounts;
  /** The same matches, per suppression id. */
  readonly suppressedBy: Readonly<Record<string, number>>;
  /**
   * The optional outputs in use (CHAT_TOPIC_ARN, SECURITY_HUB, EVENT_BUS_NAME): each one's
   * exact SDK command inputs, as `messages` gives SNS's (Publish/PublishBatch, BatchImportFindings, PutEvents).
   */
  readonly sinks: Readonly<Partial<Record<'chatbot' | 'securityHub' | 'eventBridge', readonly unknown[]>>>;
  /** What each sink in use sends for this batch: datapoints (metrics), messages (sns, chatbot), findings (securityHub), events (eventBridge). */
  readonly sinkCounts: Readonly<Record<string, number>>;
}

/** One SNS message of a summary, whether it goes out by Publish or in a PublishBatch. */
export type SummaryMessage = Pick<PublishCommandInput, 'Subject' | 'Message' | 'MessageAttributes' | 'MessageStructure'>;

/** Flattens a summary's Publish / PublishBatch inputs into the messages they carry. */
export function summaryMessages(summary: Pick<Summary, 'messages'>): SummaryMessage[] {
  return summary.messages.flatMap((input): SummaryMessage[] =>
    'PublishBatchRequestEntries' in input ? (input.PublishBatchRequestEntries ?? []) : [input as PublishCommandInput],
  );
}

/** A batch evaluated: what is counted, and the groups that may alert. Independent of any state. */
export interface Evaluated {
  readonly evaluation: BatchEvaluation;
  readonly metricPoints: Decisions['metricPoints'];
  readonly outOfWindow: number;
  /** Alert groups of the matches no suppression covers. */
  readonly groups: readonly AlertGroup[];
  readonly suppressed: RuleCounts;
  readonly suppressedBy: Readonly<Record<string, number>>;
}

/**
 * Pure: evaluates a batch. Every match is counted in the metrics; a match an active
 * suppression covers is then left out of the alert groups. Matches are folded into metric
 * points and groups as they are found, so no batch keeps all its records.
 */
export function evaluateForAlerts(
  batch: SourceBatch,
  rules: readonly Rule[],
  config: Config,
  suppressions: readonly Suppression[],
  now: number,
  /** Sees every match as it is found (the replay's JSON Lines output). */
  observe?: (rule: Rule, logEvent: LogEvent, record: Match['record']) => void,
): Evaluated {
  return startEvaluation(rules, config, suppressions, now, observe).add(batch.logEvents, true).finish();
}

/** {@link evaluateForAlerts} fed in parts: each part's log events can be let go once it is added. */
export interface Evaluation {
  /** Evaluates the next part; `last` when no part follows. */
  add(logEvents: readonly unknown[], last?: boolean): Evaluation;
  finish(): Evaluated;
}

/**
 * Starts evaluating one batch that arrives in parts (a Kinesis invocation's records, decoded
 * one at a time), exactly as {@link evaluateForAlerts} evaluates their log events together.
 */
export function startEvaluation(
  rules: readonly Rule[],
  config: Config,
  suppressions: readonly Suppression[],
  now: number,
  observe?: (rule: Rule, logEvent: LogEvent, record: Match['record']) => void,
): Evaluation {
  const metrics = new MetricAccumulator(now);
  const alerts = new AlertAccumulator(rules);
  const suppressed: RuleCounts = {};
  const suppressedBy: Record<string, number> = {};
  const alert =
    suppressions.length === 0
      ? (rule: Rule, logEvent: LogEvent, record: Match['record']): void => alerts.add(rule, logEvent, record)
      : (rule: Rule, logEvent: LogEvent, record: Match['record']): void => {
          if (!rule.alert.enabled) return;
          const suppression = suppressionFor(suppressions, rule.id, record);
          if (suppression === undefined) {
            alerts.add(rule, logEvent, record);
            return;
          }
          suppressed[rule.id] = (suppressed[rule.id] ?? 0) + 1;
          suppressedBy[suppression.id] = (suppressedBy[suppression.id] ?? 0) + 1;
        };
  const onMatch = config.publishMetrics
    ? (rule: Rule, logEvent: LogEvent, record: Match['record']): void => {
        metrics.add(rule, logEvent.timestamp, record, logEvent.message);
        alert(rule, logEvent, record);
      }
    : alert;
  const evaluator = new BatchEvaluator(rules, {
    onMatch: observe
      ? (rule, logEvent, record) => {
          observe(rule, logEvent, record);
          onMatch(rule, logEvent, record);
        }
      : onMatch,
  });
  const evaluation: Evaluation = {
    add: (logEvents, last) => {
      evaluator.add(logEvents, last);
      return evaluation;
    },
    finish: () => ({
      evaluation: evaluator.finish(),
      metricPoints: metrics.result(),
      outOfWindow: metrics.outOfWindow,
      groups: alerts.result(),
      suppressed,
      suppressedBy,
    }),
  };
  return evaluation;
}

/** What the state says about a batch and its alert windows. */
export interface PlanState {
  /** Alert windows by (rule, principal) key; missing pairs have none. */
  readonly windows?: ReadonlyMap<string, WindowState>;
  /** Sinks that already delivered this batch: they plan nothing. */
  readonly delivered?: ReadonlySet<string>;
  /** The batch was fully delivered before: nothing is planned. */
  readonly replayed?: boolean;
  /** Suppressions past their expiry: reported in the ExpiredSuppressions metric. */
  readonly expiredSuppressions?: number;
}

/** The metric that counts expired suppressions still in the file, so that an alarm can watch it. */
export const EXPIRED_SUPPRESSIONS_METRIC = 'ExpiredSuppressions';

/** Everything the detector decided for one batch; `deliver` only carries it out. */
export interface Plan {
  readonly evaluation: BatchEvaluation;
  readonly decisions: Decisions;
  /** Each sink's exact SDK inputs. */
  readonly requests: SinkRequests;
  /** The alert windows to write once the alerts went out. */
  readonly windowUpdates: ReadonlyMap<string, WindowState>;
  readonly summary: Summary;
}

const NOTHING: ReadonlySet<string> = new Set();

/**
 * Pure: applies the alert policy to an evaluated batch and decides every sink's requests.
 * The metrics are those of the batch, whatever the policy: only alerts are deduplicated or
 * suppressed. A sink that already delivered the batch, or a replayed batch, plans nothing.
 */
export function decide(evaluated: Evaluated, config: Config, state: PlanState, now: number): Plan {
  const delivered = state.replayed ? undefined : (state.delivered ?? NOTHING);
  const alertsDue = delivered !== undefined && ALERT_SINKS.some((sink) => !delivered.has(sink));
  const policy = alertsDue ? applyAlertPolicy(evaluated.groups, state.windows ?? new Map(), config.alertWindowSeconds, now) : undefined;
  const metricsDue = delivered !== undefined && !delivered.has('metrics');
  const expired = state.expiredSuppressions ?? 0;
  const decisions: Decisions = {
    metricPoints: !metricsDue
      ? []
      : expired > 0
        ? [
            ...evaluated.metricPoints,
            { namespace: config.metricNamespace, metricName: EXPIRED_SUPPRESSIONS_METRIC, minute: now - (now % 60_000), value: expired, count: 1 },
          ]
        : evaluated.metricPoints,
    outOfWindow: evaluated.outOfWindow,
    alertGroups: policy?.alerted ?? [],
  };
  const requests = planSinks(decisions, config, now, delivered ?? NOTHING);
  const messages = requests.sns.map((request) => request.input);
  const notifications = summaryMessages({ messages }).length;
  const optional = enabledOptionalSinks(config);
  const { evaluation } = evaluated;
  return {
    evaluation,
    decisions,
    requests,
    windowUpdates: policy?.updates ?? new Map(),
    summary: {
      logEvents: evaluation.logEvents,
      rejected: evaluation.rejected,
      duplicates: evaluation.duplicates,
      matched: evaluation.matched,
      notifications,
      metrics: requests.metrics,
      messages,
      dryRun: config.dryRun,
      replayed: state.replayed === true,
      deduplicated: policy?.deduplicated ?? {},
      suppressed: evaluated.suppressed,
      suppressedBy: evaluated.suppressedBy,
      sinks: Object.fromEntries(optional.map((name) => [name, requests[name].map(inputOf)])),
      sinkCounts: {
        metrics: requests.metrics.reduce((n, input) => n + (input.MetricData?.length ?? 0), 0),
        sns: notifications,
        ...Object.fromEntries(optional.map((name) => [name, OPTIONAL_ITEMS[name](requests)])),
      },
    },
  };
}

/** A request's SDK command input (SNS requests carry it beside their action). */
const inputOf = (request: unknown): unknown => (typeof request === 'object' && request !== null && 'input' in request ? request.input : request);

/** What each optional output sends for a batch: messages (chatbot), findings (securityHub), events (eventBridge). */
const OPTIONAL_ITEMS: Readonly<Record<'chatbot' | 'securityHub' | 'eventBridge', (requests: SinkRequests) => number>> = {
  chatbot: (requests) => summaryMessages({ messages: requests.chatbot.map((r) => r.input) }).length,
  securityHub: (requests) => requests.securityHub.reduce((n, input) => n + (input.Findings?.length ?? 0), 0),
  eventBridge: (requests) => requests.eventBridge.reduce((n, input) => n + (input.Entries?.length ?? 0), 0),
};

/** Pure: evaluates a batch and plans it with no state (no window open, nothing delivered). */
export function planBatch(batch: SourceBatch, rules: readonly Rule[], config: Config, now: number, suppressions: readonly Suppression[] = []): Plan {
  return decide(evaluateForAlerts(batch, rules, config, suppressions, now), config, {}, now);
}
