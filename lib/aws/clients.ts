import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { SNSClient } from '@aws-sdk/client-sns';

/** The AWS clients the sinks send with; only `send` is used, so tests can stub it. */
export interface Clients {
  readonly cloudwatch: Pick<CloudWatchClient, 'send'>;
  readonly sns: Pick<SNSClient, 'send'>;
}

/** The clients, plus a way for tests to close their connections. */
export interface LazyClients extends Clients {
  destroy(): void;
}

/**
 * The AWS clients, each created once, on first use. Loading and configuring the SDK costs
 * about 35 ms, which a cold start then skips; invocations with nothing to send never pay it.
 */
export function lazyClients(): LazyClients {
  let cloudwatch: CloudWatchClient | undefined;
  let sns: SNSClient | undefined;
  // A lazy require keeps the SDK out of the cold start; esbuild still bundles it.
  const sdk = (): typeof import('./sdk') => require('./sdk') as typeof import('./sdk');
  return {
    get cloudwatch(): CloudWatchClient {
      cloudwatch ??= new (sdk().CloudWatchClient)({});
      return cloudwatch;
    },
    get sns(): SNSClient {
      sns ??= new (sdk().SNSClient)({});
      return sns;
    },
    destroy(): void {
      cloudwatch?.destroy();
      sns?.destroy();
    },
  };
}
