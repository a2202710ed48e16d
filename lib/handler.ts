import { Logger } from '@aws-lambda-powertools/logger';
import type { Clients } from './aws/clients';
import type { Config } from './config';
import { LogMessage, logProblems, summaryForLog } from './log';
import { planBatch, type Summary } from './pipeline';
import type { Rule } from './rules';
import { deliver } from './sinks';
import type { Source } from './sources';

/** What a handler is built from; all of it is created once, at cold start. */
export interface HandlerDeps {
  readonly config: Config;
  readonly rules: readonly Rule[];
  readonly clients: Clients;
  readonly logger?: Logger;
}

/**
 * The Lambda handler for one source: decode → plan → deliver (unless DRY_RUN) → log the
 * summary. Any failure is logged with stable keys and rethrown, so Lambda retries the
 * batch and the on-failure destination keeps it.
 */
export function createHandler<Event>(source: Source<Event>, deps: HandlerDeps): (event: Event) => Promise<Summary> {
  const { config, rules, clients } = deps;
  const logger = deps.logger ?? new Logger({ serviceName: 'trailwatch', logLevel: config.logLevel });
  return async (event) => {
    try {
      const batch = source.decode(event, { maxBytes: config.maxBatchBytes });
      const plan = planBatch(batch, rules, config, Date.now());
      logProblems(logger, plan);
      if (!config.dryRun) await deliver(plan.requests, clients);
      logger.info(LogMessage.Summary, { summary: summaryForLog(plan.summary) });
      logger.debug(LogMessage.Requests, { metrics: plan.summary.metrics, messages: plan.summary.messages });
      return plan.summary;
    } catch (error) {
      logger.error(LogMessage.BatchFailed, { source: source.name, error: error as Error });
      throw error;
    }
  };
}
