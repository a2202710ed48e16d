import type { CloudWatchLogsEvent, KinesisStreamEvent } from 'aws-lambda';
import type { KinesisResult } from '../lib/kinesis-handler';
import type { Summary } from '../lib/pipeline';

export type Handler = (event: CloudWatchLogsEvent) => Promise<Summary>;

/**
 * The real handler in DRY_RUN mode, for the scripts (demo, corpus check, benchmark). The
 * environment is set before the handler's cold start reads it; `env` adds to or overrides it.
 */
export function dryRunHandler(env: Record<string, string> = {}): Handler {
  Object.assign(process.env, {
    DRY_RUN: 'true',
    LOG_LEVEL: 'SILENT',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...env,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../handlers/detector') as { handler: Handler }).handler;
}

/** The Kinesis and EventBridge handlers in DRY_RUN mode, for the demo; the environment as for {@link dryRunHandler}. */
export function dryRunSourceHandlers(env: Record<string, string> = {}): {
  kinesis: (event: KinesisStreamEvent) => Promise<KinesisResult>;
  eventbridge: (event: unknown) => Promise<Summary>;
} {
  dryRunHandler(env);
  return {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    kinesis: (require('../handlers/kinesis') as { processRecords: (event: KinesisStreamEvent) => Promise<KinesisResult> }).processRecords,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    eventbridge: (require('../handlers/eventbridge') as { handler: (event: unknown) => Promise<Summary> }).handler,
  };
}
