import { lazyClients } from '../lib/aws/clients';
import { loadConfig } from '../lib/config';
import { createHandler } from '../lib/handler';
import { eventBridgeSource } from '../lib/sources';
import { handlerDeps, requireJsonRules } from '../lib/wiring';

/** Exported so that tests can close their connections. */
export const clients = lazyClients();

/** EventBridge rule target (`source=eventbridge`): one CloudTrail event per invocation, in `detail`. */
export const handler = createHandler(eventBridgeSource, requireJsonRules(handlerDeps(loadConfig(), clients), 'eventbridge'));
