import type { PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { PublishBatchCommandInput, PublishCommandInput } from '@aws-sdk/client-sns';
import { AlertAccumulator } from './alerts';
import type { Config } from './config';
import { type BatchEvaluation, evaluateBatch, type Match, type Rule, type RuleCounts } from './rules';
import { type Decisions, planSinks, type SinkRequests } from './sinks';
import { MetricAccumulator } from './sinks/metrics';
import type { LogEvent, SourceBatch } from './sources';

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
}

/** One SNS message of a summary, whether it goes out by Publish or in a PublishBatch. */
export type SummaryMessage = Pick<PublishCommandInput, 'Subject' | 'Message' | 'MessageAttributes' | 'MessageStructure'>;

/** Flattens a summary's Publish / PublishBatch inputs into the messages they carry. */
export function summaryMessages(summary: Pick<Summary, 'messages'>): SummaryMessage[] {
  return summary.messages.flatMap((input): SummaryMessage[] =>
    'PublishBatchRequestEntries' in input ? (input.PublishBatchRequestEntries ?? []) : [input as PublishCommandInput],
  );
}

/** Everything the detector decided for one batch; `deliver` only carries it out. */
export interface Plan {
  readonly evaluation: BatchEvaluation;
  readonly decisions: Decisions;
  /** Each sink's exact SDK inputs. */
  readonly requests: SinkRequests;
  readonly summary: Summary;
}

/**
 * Pure: evaluates a batch and decides every sink's requests. Matches are folded into
 * metric points and alert groups as they are found, so no batch keeps all its records.
 * (Cross-invocation state, when there is some, is read before this and written after
 * delivery: the plan stays a function of the batch, the state and the clock.)
 */
export function planBatch(batch: SourceBatch, rules: readonly Rule[], config: Config, now: number): Plan {
  const metrics = new MetricAccumulator(now);
  const alerts = new AlertAccumulator(rules);
  const onMatch = config.publishMetrics
    ? (rule: Rule, logEvent: LogEvent, record: Match['record']): void => {
        metrics.add(rule, logEvent.timestamp);
        alerts.add(rule, logEvent, record);
      }
    : (rule: Rule, logEvent: LogEvent, record: Match['record']): void => alerts.add(rule, logEvent, record);
  const evaluation = evaluateBatch(batch.logEvents, rules, { onMatch });
  const decisions: Decisions = { metricPoints: metrics.result(), outOfWindow: metrics.outOfWindow, alertGroups: alerts.result() };
  const requests = planSinks(decisions, config);
  const messages = requests.sns.map((request) => request.input);
  return {
    evaluation,
    decisions,
    requests,
    summary: {
      logEvents: evaluation.logEvents,
      rejected: evaluation.rejected,
      duplicates: evaluation.duplicates,
      matched: evaluation.matched,
      notifications: summaryMessages({ messages }).length,
      metrics: requests.metrics,
      messages,
      dryRun: config.dryRun,
    },
  };
}
