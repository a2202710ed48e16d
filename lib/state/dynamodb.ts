import type { AttributeValue, BatchGetItemCommandOutput, DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { WindowState } from '../alerts';
import { loadSdk } from '../aws/clients';
import {
  BATCH_RECORD_TTL_SECONDS,
  MAX_BATCH_GET_KEYS,
  MAX_BATCH_WRITE_ITEMS,
  MAX_TRANSACT_ITEMS,
  MAX_UNPROCESSED_RETRIES,
  WINDOW_RECORD_GRACE_SECONDS,
} from './constants';
import { BatchInProgressError, StateStoreError } from './errors';
import type { BatchClaim, BatchResult, StateStore } from './types';

type Item = Record<string, AttributeValue>;

/** The table's attribute names; `expires` is its TTL attribute (epoch seconds). */
export const StateAttribute = { Key: 'pk', Expires: 'expires' } as const;

const Status = { InProgress: 'INPROGRESS', Completed: 'COMPLETED', Failed: 'FAILED' } as const;

const batchPk = (key: string): string => `batch#${key}`;
const windowPk = (key: string): string => `window#${key}`;
const n = (value: number): AttributeValue => ({ N: String(Math.round(value)) });
const num = (item: Item, name: string): number => Number(item[name]?.N ?? Number.NaN);
const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * The state in one DynamoDB table: a fixed handful of calls per invocation, whatever the
 * batch size (batched reads and writes). Item expiry is compared in every condition:
 * TTL deletion is late (typically within a few days), and expired items still show up in reads.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html
 */
export class DynamoDBStateStore implements StateStore {
  readonly kind = 'dynamodb';
  calls = 0;

  constructor(
    private readonly client: Pick<DynamoDBClient, 'send'>,
    private readonly tableName: string,
  ) {}

  /**
   * One conditional UpdateItem, the lock condition Powertools Idempotency uses: the item is
   * absent, expired, or neither completed nor locked.
   */
  async claimBatch(key: string, now: number, lockUntil: number): Promise<BatchClaim> {
    const { UpdateItemCommand } = await loadSdk();
    this.calls++;
    try {
      const result = await this.client.send(
        new UpdateItemCommand({
          ...this.claimUpdate(key, now, lockUntil),
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const old = result.Attributes;
      if (old === undefined || num(old, StateAttribute.Expires) < seconds(now)) return { status: 'new', delivered: new Set() };
      return { status: 'resumed', delivered: deliveredOf(old) };
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException')
        throw new StateStoreError('claimBatch', 'UpdateItem failed', { cause: error });
      const old = (error as { Item?: Item }).Item ?? {};
      if (old.status?.S === Status.Completed) return { status: 'completed', delivered: deliveredOf(old) };
      // The failed condition's item carries the lock; should it be missing, the batch is still held.
      const lockedUntil = num(old, 'lockUntil');
      throw new BatchInProgressError(key, Number.isFinite(lockedUntil) ? lockedUntil : undefined);
    }
  }

  async finishBatch(key: string, delivered: ReadonlySet<string>, completed: boolean, now: number): Promise<void> {
    const { UpdateItemCommand } = await loadSdk();
    this.calls++;
    try {
      await this.client.send(new UpdateItemCommand(this.finishUpdate(key, delivered, completed, now)));
    } catch (error) {
      throw new StateStoreError('finishBatch', 'UpdateItem failed', { cause: error });
    }
  }

  /**
   * Claims many batches in two calls per 100 keys: a strongly consistent BatchGetItem says
   * which are completed (replays) or locked by another invocation, and one transaction
   * claims the rest with the same condition as {@link claimBatch}. If another invocation
   * claims one of them in between, the transaction is cancelled as a whole and those keys
   * are reported in progress: their records are retried later.
   */
  async claimBatches(keys: readonly string[], now: number, lockUntil: number): Promise<ReadonlyMap<string, BatchClaim>> {
    const { TransactWriteItemsCommand } = await loadSdk();
    const existing = await this.getItems(keys.map(batchPk), 'claimBatches');
    const claims = new Map<string, BatchClaim>();
    const claimable: string[] = [];
    for (const key of keys) {
      const old = existing.get(batchPk(key));
      const live = old !== undefined && num(old, StateAttribute.Expires) >= seconds(now);
      if (live && old.status?.S === Status.Completed) claims.set(key, { status: 'completed', delivered: deliveredOf(old) });
      else if (live && num(old, 'lockUntil') >= now) claims.set(key, { status: 'in-progress', delivered: deliveredOf(old) });
      else {
        claims.set(key, live ? { status: 'resumed', delivered: deliveredOf(old) } : { status: 'new', delivered: new Set() });
        claimable.push(key);
      }
    }
    for (let i = 0; i < claimable.length; i += MAX_TRANSACT_ITEMS) {
      const chunk = claimable.slice(i, i + MAX_TRANSACT_ITEMS);
      const items: TransactWriteItem[] = chunk.map((key) => ({
        Update: this.claimUpdate(key, now, lockUntil),
      }));
      this.calls++;
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      } catch (error) {
        if ((error as { name?: string }).name !== 'TransactionCanceledException')
          throw new StateStoreError('claimBatches', 'TransactWriteItems failed', { cause: error });
        for (const key of chunk) claims.set(key, { status: 'in-progress', delivered: claims.get(key)?.delivered ?? new Set() });
      }
    }
    return claims;
  }

  /** One transaction per 100 batches: release each lock and record what it delivered. */
  async finishBatches(results: ReadonlyMap<string, BatchResult>, now: number): Promise<void> {
    const { TransactWriteItemsCommand } = await loadSdk();
    const entries = [...results];
    for (let i = 0; i < entries.length; i += MAX_TRANSACT_ITEMS) {
      const items: TransactWriteItem[] = entries.slice(i, i + MAX_TRANSACT_ITEMS).map(([key, { delivered, completed }]) => ({
        Update: this.finishUpdate(key, delivered, completed, now),
      }));
      this.calls++;
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      } catch (error) {
        throw new StateStoreError('finishBatches', 'TransactWriteItems failed', { cause: error });
      }
    }
  }

  /** The claim of a batch: the lock condition Powertools Idempotency uses, comparing the expiry. */
  private claimUpdate(key: string, now: number, lockUntil: number) {
    return {
      TableName: this.tableName,
      Key: { pk: { S: batchPk(key) } },
      UpdateExpression: 'SET #status = :inProgress, lockUntil = :lockUntil, #expires = :expires',
      ConditionExpression: 'attribute_not_exists(pk) OR #expires < :nowSeconds OR (#status <> :completed AND lockUntil < :now)',
      ExpressionAttributeNames: { '#status': 'status', '#expires': StateAttribute.Expires },
      ExpressionAttributeValues: {
        ':inProgress': { S: Status.InProgress },
        ':completed': { S: Status.Completed },
        ':lockUntil': n(lockUntil),
        ':expires': n(seconds(now) + BATCH_RECORD_TTL_SECONDS),
        ':nowSeconds': n(seconds(now)),
        ':now': n(now),
      },
    };
  }

  /** The end of a batch's attempt: the lock released, the sinks that delivered recorded. */
  private finishUpdate(key: string, delivered: ReadonlySet<string>, completed: boolean, now: number) {
    return {
      TableName: this.tableName,
      Key: { pk: { S: batchPk(key) } },
      UpdateExpression: 'SET #status = :status, lockUntil = :zero, delivered = :delivered, #expires = if_not_exists(#expires, :expires)',
      ExpressionAttributeNames: { '#status': 'status', '#expires': StateAttribute.Expires },
      ExpressionAttributeValues: {
        ':status': { S: completed ? Status.Completed : Status.Failed },
        ':zero': n(0),
        ':delivered': { S: [...delivered].sort().join(',') },
        ':expires': n(seconds(now) + BATCH_RECORD_TTL_SECONDS),
      },
    };
  }

  /** The alert windows of these pairs that exist. */
  async readWindows(keys: readonly string[]): Promise<ReadonlyMap<string, WindowState>> {
    const found = new Map<string, WindowState>();
    for (const [pk, item] of await this.getItems(keys.map(windowPk), 'readWindows')) found.set(pk.slice('window#'.length), windowOf(item));
    return found;
  }

  /** BatchGetItem, strongly consistent, 100 keys a call; unprocessed keys are asked again. */
  private async getItems(pks: readonly string[], operation: string): Promise<Map<string, Item>> {
    const { BatchGetItemCommand } = await loadSdk();
    const found = new Map<string, Item>();
    for (let i = 0; i < pks.length; i += MAX_BATCH_GET_KEYS) {
      let pending: Item[] = pks.slice(i, i + MAX_BATCH_GET_KEYS).map((pk) => ({ pk: { S: pk } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > MAX_UNPROCESSED_RETRIES) throw new StateStoreError(operation, `${pending.length} key(s) still unprocessed after ${attempt} attempts`);
        this.calls++;
        let result: BatchGetItemCommandOutput;
        try {
          result = await this.client.send(new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
        } catch (error) {
          throw new StateStoreError(operation, 'BatchGetItem failed', { cause: error });
        }
        for (const item of result.Responses?.[this.tableName] ?? []) found.set(item.pk?.S ?? '', item);
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  /** BatchWriteItem puts, 25 items a call; unprocessed items are sent again. */
  async writeWindows(updates: ReadonlyMap<string, WindowState>, now: number): Promise<void> {
    const { BatchWriteItemCommand } = await loadSdk();
    const items = [...updates].map(([key, state]) => ({ PutRequest: { Item: windowItem(key, state, now) } }));
    for (let i = 0; i < items.length; i += MAX_BATCH_WRITE_ITEMS) {
      let pending = items.slice(i, i + MAX_BATCH_WRITE_ITEMS);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > MAX_UNPROCESSED_RETRIES)
          throw new StateStoreError('writeWindows', `${pending.length} item(s) still unprocessed after ${attempt} attempts`);
        this.calls++;
        let unprocessed: typeof pending | undefined;
        try {
          const result = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }));
          unprocessed = result.UnprocessedItems?.[this.tableName] as typeof pending | undefined;
        } catch (error) {
          throw new StateStoreError('writeWindows', 'BatchWriteItem failed', { cause: error });
        }
        pending = unprocessed ?? [];
      }
    }
  }
}

function deliveredOf(item: Item): Set<string> {
  const text = item.delivered?.S ?? '';
  return new Set(text === '' ? [] : text.split(','));
}

function windowOf(item: Item): WindowState {
  return {
    windowEnds: num(item, 'windowEnds'),
    lastAlertAt: num(item, 'lastAlertAt'),
    since: num(item, 'since') || 0,
    sinceFirst: num(item, 'sinceFirst') || 0,
    sinceLast: num(item, 'sinceLast') || 0,
  };
}

function windowItem(key: string, state: WindowState, now: number): Item {
  return {
    pk: { S: windowPk(key) },
    windowEnds: n(state.windowEnds),
    lastAlertAt: n(state.lastAlertAt),
    since: n(state.since),
    sinceFirst: n(state.sinceFirst),
    sinceLast: n(state.sinceLast),
    [StateAttribute.Expires]: n(seconds(Math.max(state.windowEnds, now)) + WINDOW_RECORD_GRACE_SECONDS),
  };
}
