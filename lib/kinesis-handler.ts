import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { coldStart, deliverPlan, type HandlerDeps, planWithState } from './handler';
import { LogMessage, logProblems, summaryForLog } from './log';
import { type Evaluated, evaluateForAlerts, type Plan, type Summary, startEvaluation } from './pipeline';
import { addCounts, type RuleCounts } from './rules';
import type { DeliveryError } from './sinks';
import { type BatchOrigin, type DecodedRecord, decodeKinesisRecord, type RecordPosition, type SourceBatch } from './sources';
import { type BatchClaim, type BatchResult, batchKey, DEFAULT_LOCK_MS } from './state';
import type { Suppression } from './suppressions';

/** The Kinesis invocation's summary: the same keys as a CloudWatch Logs invocation's, summed over its records. */
export interface KinesisSummary extends Summary {
  /** Kinesis records in the event, control messages and undecodable ones included. */
  readonly records: number;
  /** Records named in the partial batch response: Lambda retries them, then the on-failure destination keeps them. */
  readonly failedRecords: number;
  /** Records delivered before (their whole subscription message): nothing is sent again. */
  readonly replayedRecords: number;
}

export interface KinesisResult {
  readonly response: KinesisStreamBatchResponse;
  readonly summary: KinesisSummary;
}

/**
 * A record as this invocation keeps it: a data record keeps its origin and its Kinesis record,
 * not its log events, which the evaluation took as it was decoded.
 */
type ReadRecord =
  | (RecordPosition & { readonly kind: 'data'; readonly origin: BatchOrigin; readonly source: KinesisStreamRecord })
  | Exclude<DecodedRecord, { kind: 'data' }>;

/** A data record that this invocation delivers. */
interface Pending {
  readonly record: Extract<ReadRecord, { kind: 'data' }>;
  readonly key: string;
  readonly claim: BatchClaim;
}

/**
 * The Kinesis handler: every record of the batch is one CloudWatch Logs subscription message.
 * Records are decoded one by one (an undecodable record is reported, never thrown), claimed
 * together in the state (a fixed few calls), and delivered together: one evaluation, one
 * PutMetricData and one alert plan for the whole batch in the common case. The partial batch
 * response names exactly the records that failed; Lambda retries them, and any record after
 * them that went out already is a replay then.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 */
export function createKinesisHandler(
  deps: HandlerDeps,
): (event: KinesisStreamEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>) => Promise<KinesisResult> {
  const { config, rules, store } = deps;
  const { logger, clock, active, expired } = coldStart(deps);
  return async (event, context) => {
    try {
      const now = clock();
      // Each data record is evaluated as it is decoded, as if all of them go out together (the
      // common case), so that its log events are let go at once: holding every record's
      // messages until the claims are known costs 13–16% more time, nearly all of it in the
      // garbage collector, and memory in proportion to the whole invocation.
      const evaluation = startEvaluation(rules, config, active, now);
      let dataRecords = 0;
      const decoded: ReadRecord[] = [];
      const failed = new Set<string>();
      // Keys: each data record's subscription message; an undecodable record's position, so it is reported once.
      const keys = new Map<ReadRecord, string>();
      for (const source of event.Records) {
        const record = decodeKinesisRecord(source, config.maxBatchBytes);
        if (record.kind === 'data') {
          evaluation.add(record.batch.logEvents);
          dataRecords++;
          const { sequenceNumber, shardId, streamArn } = record;
          const read: ReadRecord = { kind: 'data', sequenceNumber, shardId, streamArn, origin: record.batch.origin, source };
          keys.set(read, batchKey(record.batch));
          decoded.push(read);
        } else {
          if (record.kind === 'undecodable') keys.set(record, `undecodable#${record.streamArn}#${record.sequenceNumber}`);
          decoded.push(record);
        }
      }
      const claims = await store.claimBatches([...new Set(keys.values())], now, now + (context?.getRemainingTimeInMillis() ?? DEFAULT_LOCK_MS));
      const pending: Pending[] = [];
      const results = new Map<string, BatchResult>();
      const seen = new Set<string>();
      let replayedRecords = 0;
      for (const record of decoded) {
        const key = keys.get(record);
        if (record.kind === 'control' || key === undefined) continue;
        const claim = claims.get(key) as BatchClaim;
        if (record.kind === 'undecodable') {
          failed.add(record.sequenceNumber);
          if (claim.status === 'new') {
            logger.error(LogMessage.UndecodableRecord, {
              record: { shardId: record.shardId, sequenceNumber: record.sequenceNumber, streamArn: record.streamArn, reason: record.error.reason },
              error: record.error,
            });
          }
          if (claim.status !== 'in-progress' && claim.status !== 'completed') results.set(key, { delivered: new Set(), completed: false });
          continue;
        }
        if (claim.status === 'in-progress') failed.add(record.sequenceNumber);
        else if (claim.status === 'completed' || seen.has(key)) replayedRecords++;
        else pending.push({ record, key, claim });
        seen.add(key);
      }
      const plans: Plan[] = [];
      // Records that have delivered the same sinks go out together: in the common case, all of them.
      const groups = groupByDelivered(pending);
      // Every data record goes out, together: what was evaluated as they were decoded holds.
      const together = groups.length === 1 && pending.length === dataRecords;
      for (const group of groups) {
        const before = group[0]?.claim.delivered ?? new Set<string>();
        const evaluated = together ? evaluation.finish() : evaluateAgain(group, deps, active, now);
        const plan = await planWithState(evaluated, before, deps, expired.length, now);
        plans.push(plan);
        let delivery: { delivered: readonly string[]; failure: DeliveryError | undefined };
        try {
          delivery = await deliverPlan(plan, before, deps, now);
        } catch (error) {
          // The state could not record the windows: these records are retried.
          logger.error(LogMessage.BatchFailed, { source: 'kinesis', error: error as Error });
          delivery = { delivered: [], failure: undefined };
          for (const p of group) failed.add(p.record.sequenceNumber);
        }
        if (delivery.failure) {
          logger.error(LogMessage.BatchFailed, { source: 'kinesis', records: group.length, error: delivery.failure });
          for (const p of group) failed.add(p.record.sequenceNumber);
        }
        for (const p of group) {
          results.set(p.key, { delivered: new Set([...before, ...delivery.delivered]), completed: !failed.has(p.record.sequenceNumber) });
        }
      }
      await store.finishBatches(results, now);
      const summary = sumSummaries(plans, config.dryRun, {
        records: decoded.length,
        failedRecords: failed.size,
        replayedRecords,
        dataRecords,
      });
      for (const plan of plans) logProblems(logger, plan);
      logger.info(LogMessage.Summary, { summary: summaryForLog(summary) });
      logger.debug(LogMessage.Requests, { metrics: summary.metrics, messages: summary.messages, sinks: summary.sinks });
      return { response: { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) }, summary };
    } catch (error) {
      logger.error(LogMessage.BatchFailed, { source: 'kinesis', error: error as Error });
      throw error;
    }
  };
}

/**
 * Evaluates a group of records on their own, when not every record goes out together (a
 * retry, a replay): decoded again from the event, which is cheaper than holding every
 * record's log events for the rare invocation that needs this.
 */
function evaluateAgain(group: readonly Pending[], deps: HandlerDeps, active: readonly Suppression[], now: number): Evaluated {
  const batch: SourceBatch = {
    origin: group[0]?.record.origin ?? { owner: undefined, logGroup: undefined, logStream: undefined },
    logEvents: group.flatMap((p) => {
      const again = decodeKinesisRecord(p.record.source, deps.config.maxBatchBytes);
      // The same data decodes the same way: it did once already.
      return again.kind === 'data' ? again.batch.logEvents : [];
    }),
  };
  return evaluateForAlerts(batch, deps.rules, deps.config, active, now);
}

function groupByDelivered(pending: readonly Pending[]): Pending[][] {
  const groups = new Map<string, Pending[]>();
  for (const p of pending) {
    const signature = [...p.claim.delivered].sort().join(',');
    const group = groups.get(signature);
    if (group) group.push(p);
    else groups.set(signature, [p]);
  }
  return [...groups.values()];
}

function mergeSinks(plans: readonly Plan[]): Summary['sinks'] {
  const sinks: Record<string, unknown[]> = {};
  for (const { summary } of plans) {
    for (const [name, inputs] of Object.entries(summary.sinks)) {
      sinks[name] ??= [];
      sinks[name].push(...(inputs ?? []));
    }
  }
  return sinks;
}

function sumSummaries(
  plans: readonly Plan[],
  dryRun: boolean,
  counts: { records: number; failedRecords: number; replayedRecords: number; dataRecords: number },
): KinesisSummary {
  const matched: RuleCounts = {};
  const deduplicated: RuleCounts = {};
  const suppressed: RuleCounts = {};
  const suppressedBy: RuleCounts = {};
  for (const { summary } of plans) {
    addCounts(matched, summary.matched);
    addCounts(deduplicated, summary.deduplicated);
    addCounts(suppressed, summary.suppressed);
    addCounts(suppressedBy, summary.suppressedBy);
  }
  const sum = (pick: (s: Summary) => number): number => plans.reduce((total, plan) => total + pick(plan.summary), 0);
  return {
    logEvents: sum((s) => s.logEvents),
    rejected: sum((s) => s.rejected),
    duplicates: sum((s) => s.duplicates),
    matched,
    notifications: sum((s) => s.notifications),
    metrics: plans.flatMap((p) => p.summary.metrics),
    messages: plans.flatMap((p) => p.summary.messages),
    dryRun,
    replayed: counts.dataRecords > 0 && counts.replayedRecords === counts.dataRecords,
    deduplicated,
    suppressed,
    suppressedBy,
    sinks: mergeSinks(plans),
    sinkCounts: plans.reduce<Record<string, number>>((total, { summary }) => addCounts(total, summary.sinkCounts), {}),
    records: counts.records,
    failedRecords: counts.failedRecords,
    replayedRecords: counts.replayedRecords,
  };
}
