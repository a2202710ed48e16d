import { Logger } from '@aws-lambda-powertools/logger';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { lazyClients } from '../lib/aws/clients';
import { loadConfig } from '../lib/config';
import { decodeSubscriptionEvent } from '../lib/sources/cloudwatch-logs';
import { deliver, planBatch, type Summary } from '../lib/pipeline';
import { LogMessage, logProblems, summaryForLog } from '../lib/log';
import { RULES } from '../lib/rules';

// Cold start: validate configuration once (a bad setting fails here). The clients are
// module-scoped and created once, on first use (see lib/aws-clients.ts).
const config = loadConfig();
const logger = new Logger({ serviceName: 'trailwatch', logLevel: config.logLevel });
/** Exported so that tests can close their connections. */
export const clients = lazyClients();

/** CloudWatch Logs subscription handler: decode → evaluate → publish metrics and alerts. */
export const handler = async (event: CloudWatchLogsEvent): Promise<Summary> => {
  try {
    const payload = decodeSubscriptionEvent(event, config.maxBatchBytes);
    const plan = planBatch(payload, RULES, config, Date.now());
    logProblems(logger, plan);
    if (!config.dryRun) await deliver(plan, clients);
    logger.info(LogMessage.Summary, { summary: summaryForLog(plan.summary) });
    logger.debug(LogMessage.Requests, { metrics: plan.summary.metrics, messages: plan.summary.messages });
    return plan.summary;
  } catch (error) {
    // Structured, then rethrown so Lambda retries and the on-failure destination keeps the batch.
    logger.error(LogMessage.BatchFailed, { error: error as Error });
    throw error;
  }
};
