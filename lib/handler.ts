import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { windowKeys } from './alerts';
import type { Clients } from './aws/clients';
import type { Config } from './config';
import { type Log, LogMessage, logProblems, summaryForLog } from './log';
import { decide, type Evaluated, evaluateForAlerts, type Plan, type Summary } from './pipeline';
import type { Rule } from './rules';
import { ALERT_SINKS, DeliveryError, deliver } from './sinks';
import type { Source } from './sources';
import { batchKey, DEFAULT_LOCK_MS, type StateStore } from './state';
import type { Suppression, Suppressions } from './suppressions';

/** What a handler is built from; all of it is created once, at cold start. */
export interface HandlerDeps {
  readonly config: Config;
  readonly rules: readonly Rule[];
  readonly clients: Clients;
  /** Batches delivered and alert windows: DynamoDB, or memory offline. */
  readonly store: StateStore;
  readonly suppressions?: Suppressions;
  readonly logger?: Log;
  /** The clock, epoch milliseconds; tests and replays set their own. */
  readonly clock?: () => number;
}

/** What every handler sets up once per cold start from its deps. */
export interface ColdStart {
  readonly logger: Log;
  readonly clock: () => number;
  /** Suppressions that apply, and those past their expiry (reported in the ExpiredSuppressions metric). */
  readonly active: readonly Suppression[];
  readonly expired: readonly Suppression[];
}

/**
 * The logger, the clock and the suppressions of a handler. Logs each expired suppression
 * once: it no longer applies, and someone should review it.
 */
export function coldStart(deps: HandlerDeps): ColdStart {
  const logger: Log = deps.logger ?? new Logger({ serviceName: 'trailwatch', logLevel: deps.config.logLevel });
  const expired = deps.suppressions?.expired ?? [];
  for (const s of expired) logger.warn(LogMessage.SuppressionExpired, { suppression: { id: s.id, owner: s.owner, expires: s.expires, reason: s.reason } });
  return { logger, clock: deps.clock ?? Date.now, active: deps.suppressions?.active ?? [], expired };
}

/**
 * The Lambda handler for one source: decode → evaluate → claim the batch → read the alert
 * windows → plan → deliver what this batch has not yet delivered → record it → log the
 * summary. Any failure is logged with stable keys and rethrown, so Lambda retries the batch
 * and the on-failure destination keeps it; the retry sends only what did not go out.
 */
export function createHandler<Event>(
  source: Source<Event>,
  deps: HandlerDeps,
): (event: Event, context?: Pick<Context, 'getRemainingTimeInMillis'>) => Promise<Summary> {
  const { config, rules, store } = deps;
  const { logger, clock, active, expired } = coldStart(deps);
  return async (event, context) => {
    try {
      const batch = source.decode(event, { maxBytes: config.maxBatchBytes });
      const now = clock();
      const evaluated = evaluateForAlerts(batch, rules, config, active, now);
      const key = batchKey(batch);
      const claim = await store.claimBatch(key, now, now + (context?.getRemainingTimeInMillis() ?? DEFAULT_LOCK_MS));
      let plan: Plan;
      if (claim.status === 'completed') {
        plan = decide(evaluated, config, { replayed: true }, now);
      } else {
        plan = await planWithState(evaluated, claim.delivered, deps, expired.length, now);
        await deliverAndRecord(plan, key, claim.delivered, deps, now);
      }
      logProblems(logger, plan);
      logger.info(LogMessage.Summary, { summary: summaryForLog(plan.summary) });
      logger.debug(LogMessage.Requests, { metrics: plan.summary.metrics, messages: plan.summary.messages, sinks: plan.summary.sinks });
      return plan.summary;
    } catch (error) {
      logger.error(LogMessage.BatchFailed, { source: source.name, error: error as Error });
      throw error;
    }
  };
}

/**
 * Delivers (unless DRY_RUN), then records what went out: the alert windows once the alerts
 * are delivered, and the batch's delivered sinks. A failure releases the batch with the
 * sinks that did deliver, then throws.
 */
async function deliverAndRecord(plan: Plan, key: string, before: ReadonlySet<string>, deps: HandlerDeps, now: number): Promise<void> {
  const { delivered, failure } = await deliverPlan(plan, before, deps, now);
  await deps.store.finishBatch(key, new Set([...before, ...delivered]), failure === undefined, now);
  if (failure) throw failure;
}

/**
 * Decides a claimed batch with its state: the alert windows are read only while its alerts
 * have not gone out (a retry after SNS delivered needs none).
 */
export async function planWithState(
  evaluated: Evaluated,
  delivered: ReadonlySet<string>,
  deps: HandlerDeps,
  expiredSuppressions: number,
  now: number,
): Promise<Plan> {
  const { config, store } = deps;
  const alertsDelivered = ALERT_SINKS.every((sink) => delivered.has(sink));
  const windows = alertsDelivered ? new Map() : await store.readWindows(windowKeys(evaluated.groups, config.alertWindowSeconds));
  return decide(evaluated, config, { windows, delivered, expiredSuppressions }, now);
}

/** What one plan's delivery did: the sinks that delivered now, and the failure if any. */
export interface PlanDelivery {
  readonly delivered: readonly string[];
  readonly failure: DeliveryError | undefined;
}

/**
 * Delivers a plan's requests (or, in DRY_RUN, takes them as delivered) except the sinks in
 * `before`, then writes the alert windows if the alerts went out: a failed SNS delivery
 * leaves them as they were, so the retry decides the same alerts again.
 */
export async function deliverPlan(plan: Plan, before: ReadonlySet<string>, deps: HandlerDeps, now: number): Promise<PlanDelivery> {
  const { config, clients, store } = deps;
  let delivered: readonly string[];
  let failure: DeliveryError | undefined;
  if (config.dryRun) {
    delivered = Object.keys(plan.requests).filter((name) => !before.has(name));
  } else {
    try {
      delivered = await deliver(plan.requests, clients, before);
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      failure = error;
      delivered = error.delivered;
    }
  }
  // The windows move on once every alert sink has the alerts: until then a retry decides them again.
  const done = new Set([...before, ...delivered]);
  if (plan.windowUpdates.size > 0 && ALERT_SINKS.every((sink) => done.has(sink))) await store.writeWindows(plan.windowUpdates, now);
  return { delivered, failure };
}
