import type { CloudWatchLogsEvent } from 'aws-lambda';
import type { Summary } from '../../lib/pipeline';

export type Handler = (event: CloudWatchLogsEvent) => Promise<Summary>;
export interface HandlerModule {
  readonly handler: Handler;
  readonly clients: { destroy(): void };
}

/** The handler module, loaded afresh (a cold start) under this environment, quiet by default. */
export function loadHandlerModule(env: Record<string, string>): HandlerModule {
  const saved = { ...process.env };
  Object.assign(process.env, { LOG_LEVEL: 'SILENT', ...env });
  try {
    let loaded: HandlerModule | undefined;
    jest.isolateModules(() => {
      loaded = require('../../handlers/detector') as HandlerModule;
    });
    return loaded as HandlerModule;
  } finally {
    process.env = saved;
  }
}

/** The real handler in DRY_RUN mode, loaded afresh under this environment. */
export function loadDryRunHandler(env: Record<string, string> = {}): Handler {
  return loadHandlerModule({ DRY_RUN: 'true', ...env }).handler;
}
