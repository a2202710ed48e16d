import { lazyClients } from '../lib/aws/clients';
import { loadConfig } from '../lib/config';
import { createHandler } from '../lib/handler';
import { cloudWatchLogsSource } from '../lib/sources';
import { handlerDeps } from '../lib/wiring';

// Cold start: validate the configuration and the suppressions once (a bad setting fails
// here) and compile the rules. The AWS clients are created on first use (lib/aws/clients.ts).
/** Exported so that tests can close their connections. */
export const clients = lazyClients();

/** CloudWatch Logs subscription handler: decode → evaluate → publish metrics and alerts. */
export const handler = createHandler(cloudWatchLogsSource, handlerDeps(loadConfig(), clients));
