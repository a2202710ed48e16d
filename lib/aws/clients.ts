import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SNSClient } from '@aws-sdk/client-sns';

/** The AWS clients the sinks send with; only `send` is used, so tests can stub it. */
export interface Clients {
  readonly cloudwatch: Pick<CloudWatchClient, 'send'>;
  readonly sns: Pick<SNSClient, 'send'>;
  /** The state table's client (STATE_TABLE_NAME). */
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  /** Only for SECURITY_HUB=true; its SDK is in its own chunk, shipped only then. */
  readonly securityHub?: Pick<SecurityHubClient, 'send'>;
  /** Only for EVENT_BUS_NAME; its SDK is in its own chunk, shipped only then. */
  readonly eventBridge?: Pick<EventBridgeClient, 'send'>;
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

/** A `send` that creates its client on first call (loading its SDK); `destroy` closes it if it was created. */
function lazyClient<C extends Destroyable>(create: () => Promise<C>): Pick<C, 'send'> & { destroy(): void } {
  let client: C | undefined;
  const send = async (command: never): Promise<unknown> => {
    client ??= await create();
    return client.send(command);
  };
  return { send: send as C['send'], destroy: () => client?.destroy() };
}

/**
 * Raised when an optional output's code or SDK was left out of the bundle (esbuild.config.js)
 * and is used anyway: the deploy's settings and its package disagree.
 */
export class NotBundledError extends Error {
  static {
    Object.defineProperty(NotBundledError, 'name', { value: 'NotBundledError' });
  }
  override readonly name = 'NotBundledError';
  /** What is missing: "the Security Hub SDK", "the chatbot output". */
  constructor(readonly missing: string) {
    super(`${missing} is not in this bundle; package again with the param that turns its output on`);
  }
}

/**
 * An optional SDK module, loaded on first use from its own chunk. esbuild.config.js bundles an
 * empty module in its place when the deploy does not use it; loading it then fails clearly.
 */
function optionalSdk<M>(name: string, load: () => Promise<M | { absent: true }>): () => Promise<M> {
  let module: Promise<M> | undefined;
  return () => {
    module ??= load().then((m) => {
      if ('absent' in (m as object)) throw new NotBundledError(`the ${name} SDK`);
      return m as M;
    });
    return module;
  };
}

/** @see lib/aws/sdk-securityhub.ts */
export const loadSecurityHubSdk = optionalSdk('Security Hub', () => import('./sdk-securityhub'));
/** @see lib/aws/sdk-eventbridge.ts */
export const loadEventBridgeSdk = optionalSdk('EventBridge', () => import('./sdk-eventbridge'));

/** The AWS clients, each created once, on first use. */
export function lazyClients(): LazyClients {
  const cloudwatch = lazyClient(async () => new (await loadSdk()).CloudWatchClient({}));
  const sns = lazyClient(async () => new (await loadSdk()).SNSClient({}));
  const dynamodb = lazyClient(async () => new (await loadSdk()).DynamoDBClient({}));
  const securityHub = lazyClient(async () => new (await loadSecurityHubSdk()).SecurityHubClient({}));
  const eventBridge = lazyClient(async () => new (await loadEventBridgeSdk()).EventBridgeClient({}));
  return {
    cloudwatch,
    sns,
    dynamodb,
    securityHub,
    eventBridge,
    destroy(): void {
      cloudwatch.destroy();
      sns.destroy();
      dynamodb.destroy();
      securityHub.destroy();
      eventBridge.destroy();
    },
  };
}
