import { lazyClients } from '../lib/aws/clients';
import { loadConfig } from '../lib/config';
import { createHandler } from '../lib/handler';
import { compileRules, SEED_PACK } from '../lib/rules';
import { cloudWatchLogsSource } from '../lib/sources';

// Cold start: validate configuration once (a bad setting fails here) and compile the rules.
// The clients are created on first use (see lib/aws/clients.ts).
const config = loadConfig();
/** Exported so that tests can close their connections. */
export const clients = lazyClients();

/** CloudWatch Logs subscription handler: decode → evaluate → publish metrics and alerts. */
export const handler = createHandler(cloudWatchLogsSource, {
  config,
  rules: compileRules(SEED_PACK.rules, { namespace: config.metricNamespace }),
  clients,
});
