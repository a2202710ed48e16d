import type { CloudWatchLogsEvent } from 'aws-lambda';
import type { Summary } from '../../lib/detector';

export type Handler = (event: CloudWatchLogsEvent) => Promise<Summary>;

/** The real handler, loaded afresh (a cold start) under this environment. */
export function loadDryRunHandler(env: Record<string, string> = {}): Handler {
  const saved = { ...process.env };
  Object.assign(process.env, { DRY_RUN: 'true', LOG_LEVEL: 'SILENT', ...env });
  try {
    let handler: Handler | undefined;
    jest.isolateModules(() => {
      handler = (require('../../handlers/detector') as { handler: Handler }).handler;
    });
    return handler as Handler;
  } finally {
    process.env = saved;
  }
}
