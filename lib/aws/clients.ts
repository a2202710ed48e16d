import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Clients } from '../pipeline';

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
  return {
    get cloudwatch(): CloudWatchClient {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      cloudwatch ??= new (require('./sdk') as typeof import('./sdk')).CloudWatchClient({});
      return cloudwatch;
    },
    get sns(): SNSClient {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      sns ??= new (require('./sdk') as typeof import('./sdk')).SNSClient({});
      return sns;
    },
    destroy(): void {
      cloudwatch?.destroy();
      sns?.destroy();
    },
  };
}
