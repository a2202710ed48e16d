import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { lazyClients } from '../lib/aws/clients';
import { loadConfig } from '../lib/config';
import { createKinesisHandler } from '../lib/kinesis-handler';
import { handlerDeps } from '../lib/wiring';

/** Exported so that tests can close their connections. */
export const clients = lazyClients();

/** The handler with its summary (the demo and tests read it); Lambda gets only the response. */
export const processRecords = createKinesisHandler(handlerDeps(loadConfig(), clients));

/**
 * Kinesis event source mapping handler (`source=kinesis`): each record is one CloudWatch Logs
 * subscription message. Returns the partial batch response (ReportBatchItemFailures).
 */
export const handler = async (event: KinesisStreamEvent, context?: { getRemainingTimeInMillis(): number }): Promise<KinesisStreamBatchResponse> =>
  (await processRecords(event, context)).response;
