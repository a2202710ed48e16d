import type { CloudWatchClient, PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { PublishBatchCommandInput, PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import type { Config } from './config';
import type { SubscriptionPayload } from './sources/cloudwatch-logs';
import { buildMetricData, publishMetrics } from './sinks/metrics';
import { buildNotifications, packNotifications, sendNotifications, type SnsRequest } from './sinks/sns';
import { evaluateBatch, type BatchEvaluation, type Rule, type RuleCounts } from './rules';

/** What every invocation returns and logs: a contract that tests and tools rely on. */
export interface Summary {
  /** Log events in the batch (duplicates and rejects included). */
  readonly logEvents: number;
  /** Log events whose message was not a JSON object. Never more than `logEvents`. */
  readonly rejected: number;
  /** Repeated log event ids in the batch, counted once. */
  readonly duplicates: number;
  /** Events counted per rule, exactly as the metric filters would count them. */
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
  readonly metricInputs: readonly PutMetricDataCommandInput[];
  /** Matches outside PutMetricData's timestamp window, not published. */
  readonly outOfWindow: number;
  readonly snsRequests: readonly SnsRequest[];
  readonly summary: Summary;
}

/** Pure: decides the metrics and alerts for a decoded batch. */
export function planBatch(payload: SubscriptionPayload, rules: readonly Rule[], config: Config, now: number): Plan {
  const evaluation = evaluateBatch(payload.logEvents, rules);
  const { inputs: metricInputs, outOfWindow } = config.publishMetrics
    ? buildMetricData(evaluation.matches, config.metricNamespace, now)
    : { inputs: [], outOfWindow: 0 };
  const notifications = buildNotifications(evaluation.matches, rules, config.notificationCap);
  const snsRequests = packNotifications(notifications, config.alertTopicArn);
  return {
    evaluation,
    metricInputs,
    outOfWindow,
    snsRequests,
    summary: {
      logEvents: evaluation.logEvents,
      rejected: evaluation.rejected,
      duplicates: evaluation.duplicates,
      matched: evaluation.matched,
      notifications: notifications.length,
      metrics: metricInputs,
      messages: snsRequests.map((request) => request.input),
      dryRun: config.dryRun,
    },
  };
}

/** The batch could not be fully delivered; thrown so that Lambda retries it. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(readonly failures: readonly { readonly target: 'metrics' | 'notifications'; readonly error: unknown }[]) {
    super(`delivery failed: ${failures.map((f) => `${f.target}: ${(f.error as Error)?.message ?? String(f.error)}`).join('; ')}`, {
      cause: failures[0]?.error,
    });
  }
}

export interface Clients {
  readonly cloudwatch: Pick<CloudWatchClient, 'send'>;
  readonly sns: Pick<SNSClient, 'send'>;
}

/**
 * Sends the plan's metrics and alerts. Both are attempted even if one fails, so as much
 * as possible gets through; any failure then throws {@link DeliveryError}.
 */
export async function deliver(plan: Plan, clients: Clients): Promise<void> {
  // A client is only touched when there is something to send: creating one loads the SDK.
  const [metrics, notifications] = await Promise.allSettled([
    plan.metricInputs.length > 0 ? publishMetrics(clients.cloudwatch, plan.metricInputs) : undefined,
    plan.snsRequests.length > 0 ? sendNotifications(clients.sns, plan.snsRequests) : 0,
  ]);
  const failures: { target: 'metrics' | 'notifications'; error: unknown }[] = [];
  if (metrics.status === 'rejected') failures.push({ target: 'metrics', error: metrics.reason });
  if (notifications.status === 'rejected') failures.push({ target: 'notifications', error: notifications.reason });
  if (failures.length > 0) throw new DeliveryError(failures);
}
