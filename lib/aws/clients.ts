import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SNSClient } from '@aws-sdk/client-sns';

/** The AWS clients the sinks send with; only `send` is used, so tests can stub it. */
export interface Clients {
  readonly cloudwatch: Pick<CloudWatchClient, 'send'>;
  readonly sns: Pick<SNSClient, 'send'>;
  /** The state table's client (STATE_TABLE_NAME). */
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
}

/** The clients, plus a way for tests to close their connections. */
export interface LazyClients extends Clients {
  destroy(): void;
}

type Sdk = typeof import('./sdk');

let sdkModule: Promise<Sdk> | undefined;

/**
 * The SDK module, loaded on first use. The bundle is split at this dynamic import, so the
 * SDK's code is not even compiled by a cold start, nor by an invocation with nothing to send.
 */
export function loadSdk(): Promise<Sdk> {
  sdkModule ??= import('./sdk');
  return sdkModule;
}

interface Destroyable {
  send(command: never): Promise<unknown>;
  destroy(): void;
}

/** A `send` that creates its client on first call; `destroy` closes it if it was created. */
function lazyClient<C extends Destroyable>(create: (sdk: Sdk) => C): Pick<C, 'send'> & { destroy(): void } {
  let client: C | undefined;
  const send = async (command: never): Promise<unknown> => {
    client ??= create(await loadSdk());
    return client.send(command);
  };
  return { send: send as C['send'], destroy: () => client?.destroy() };
}

/** The AWS clients, each created once, on first use. */
export function lazyClients(): LazyClients {
  const cloudwatch = lazyClient((sdk) => new sdk.CloudWatchClient({}));
  const sns = lazyClient((sdk) => new sdk.SNSClient({}));
  const dynamodb = lazyClient((sdk) => new sdk.DynamoDBClient({}));
  return {
    cloudwatch,
    sns,
    dynamodb,
    destroy(): void {
      cloudwatch.destroy();
      sns.destroy();
      dynamodb.destroy();
    },
  };
}
