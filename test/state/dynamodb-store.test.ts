import { BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBStateStore } from '../../lib/state';

const TABLE = 'trailwatch-test-state';
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const ddb = mockClient(DynamoDBClient);
const store = () => new DynamoDBStateStore(new DynamoDBClient({ region: 'us-east-1' }), TABLE);
const conditionFailed = (item: Record<string, unknown> | undefined) =>
  Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException', Item: item });
const window = { windowEnds: NOW + 3600_000, lastAlertAt: NOW, since: 2, sinceFirst: NOW - 10, sinceLast: NOW - 5 };
const windowItem = (key: string) => ({
  pk: { S: `window#${key}` },
  windowEnds: { N: String(window.windowEnds) },
  lastAlertAt: { N: String(window.lastAlertAt) },
  since: { N: '2' },
  sinceFirst: { N: String(window.sinceFirst) },
  sinceLast: { N: String(window.sinceLast) },
});

afterEach(() => ddb.reset());

describe('DynamoDBStateStore', () => {
  it.each([
    ['no previous record', undefined, 'new', []],
    [
      'a failed attempt that delivered the metrics',
      { status: { S: 'FAILED' }, delivered: { S: 'metrics' }, expires: { N: String(NOW / 1000 + 60) } },
      'resumed',
      ['metrics'],
    ],
    [
      'a record past its expiry that TTL has not deleted',
      { status: { S: 'FAILED' }, delivered: { S: 'metrics' }, expires: { N: String(NOW / 1000 - 60) } },
      'new',
      [],
    ],
  ])('claims a batch with %s', async (_, old, status, delivered) => {
    ddb.on(UpdateItemCommand).resolves({ Attributes: old as never });
    const claim = await store().claimBatch('k', NOW, NOW + 30_000);
    expect(claim).toEqual({ status, delivered: new Set(delivered) });
    const input = ddb.commandCalls(UpdateItemCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('attribute_not_exists(pk) OR #expires < :nowSeconds OR (#status <> :completed AND lockUntil < :now)');
    expect(input?.ExpressionAttributeValues?.[':lockUntil']).toEqual({ N: String(NOW + 30_000) });
  });

  it('reports a completed batch as a replay, and a locked one as in progress', async () => {
    ddb.on(UpdateItemCommand).rejectsOnce(conditionFailed({ status: { S: 'COMPLETED' }, delivered: { S: 'metrics,sns' } }));
    await expect(store().claimBatch('k', NOW, NOW + 1)).resolves.toEqual({ status: 'completed', delivered: new Set(['metrics', 'sns']) });
    ddb.reset();
    ddb.on(UpdateItemCommand).rejectsOnce(conditionFailed({ status: { S: 'INPROGRESS' }, lockUntil: { N: String(NOW + 5000) } }));
    await expect(store().claimBatch('k', NOW, NOW + 1)).rejects.toMatchObject({ name: 'BatchInProgressError', batchKey: 'k', lockedUntil: NOW + 5000 });
  });

  it('reports a batch as in progress when the failed condition comes without the item (seen from moto under concurrency)', async () => {
    ddb.on(UpdateItemCommand).rejectsOnce(conditionFailed(undefined));
    await expect(store().claimBatch('k', NOW, NOW + 1)).rejects.toMatchObject({
      name: 'BatchInProgressError',
      batchKey: 'k',
      lockedUntil: undefined,
      message: 'batch k is being delivered by another invocation; retry later',
    });
  });

  it.each([
    ['claimBatch', (s: DynamoDBStateStore) => s.claimBatch('k', NOW, NOW + 1)],
    ['finishBatch', (s: DynamoDBStateStore) => s.finishBatch('k', new Set(['metrics']), true, NOW)],
    ['readWindows', (s: DynamoDBStateStore) => s.readWindows(['a'])],
    ['writeWindows', (s: DynamoDBStateStore) => s.writeWindows(new Map([['a', window]]), NOW)],
  ])('wraps a failed %s in a StateStoreError with its cause', async (operation, call) => {
    const cause = Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    ddb.onAnyCommand().rejects(cause);
    await expect(call(store())).rejects.toMatchObject({ name: 'StateStoreError', operation, cause: { name: 'ProvisionedThroughputExceededException' } });
  });

  it('records the delivered sinks, sorted, and whether the batch is complete', async () => {
    ddb.on(UpdateItemCommand).resolves({});
    await store().finishBatch('k', new Set(['sns', 'metrics']), false, NOW);
    expect(ddb.commandCalls(UpdateItemCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':status': { S: 'FAILED' },
      ':delivered': { S: 'metrics,sns' },
    });
  });

  it('reads windows 100 keys a call, asks again for unprocessed keys, and counts every call', async () => {
    const keys = Array.from({ length: 150 }, (_, i) => `r#p${i}`);
    ddb
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { [TABLE]: [windowItem('r#p0')] }, UnprocessedKeys: { [TABLE]: { Keys: [{ pk: { S: 'window#r#p1' } }] } } })
      .resolvesOnce({ Responses: { [TABLE]: [windowItem('r#p1')] } })
      .resolves({ Responses: { [TABLE]: [] } });
    const s = store();
    const found = await s.readWindows(keys);
    expect([...found.keys()]).toEqual(['r#p0', 'r#p1']);
    expect(found.get('r#p0')).toEqual(window);
    const calls = ddb.commandCalls(BatchGetItemCommand).map((c) => c.args[0].input.RequestItems?.[TABLE]?.Keys?.length);
    expect(calls).toEqual([100, 1, 50]);
    expect(s.calls).toBe(3);
    expect(ddb.commandCalls(BatchGetItemCommand)[0]?.args[0].input.RequestItems?.[TABLE]?.ConsistentRead).toBe(true);
  });

  it('gives up on keys that stay unprocessed', async () => {
    ddb.on(BatchGetItemCommand).resolves({ UnprocessedKeys: { [TABLE]: { Keys: [{ pk: { S: 'window#a' } }] } } });
    await expect(store().readWindows(['a'])).rejects.toMatchObject({ name: 'StateStoreError', operation: 'readWindows' });
  });

  it('writes windows 25 items a call with an expiry a day past the window, and sends unprocessed items again', async () => {
    const updates = new Map(Array.from({ length: 30 }, (_, i) => [`r#p${i}`, window] as const));
    ddb
      .on(BatchWriteItemCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [{ PutRequest: { Item: windowItem('r#p0') } }] } })
      .resolves({});
    const s = store();
    await s.writeWindows(updates, NOW);
    const sizes = ddb.commandCalls(BatchWriteItemCommand).map((c) => c.args[0].input.RequestItems?.[TABLE]?.length);
    expect(sizes).toEqual([25, 1, 5]);
    const item = ddb.commandCalls(BatchWriteItemCommand)[0]?.args[0].input.RequestItems?.[TABLE]?.[0]?.PutRequest?.Item;
    expect(item).toMatchObject({ pk: { S: 'window#r#p0' }, since: { N: '2' }, expires: { N: String(Math.floor(window.windowEnds / 1000) + 86_400) } });
    expect(s.calls).toBe(3);
  });

  it('gives up on items that stay unprocessed', async () => {
    ddb.on(BatchWriteItemCommand).resolves({ UnprocessedItems: { [TABLE]: [{ PutRequest: { Item: windowItem('a') } }] } });
    await expect(store().writeWindows(new Map([['a', window]]), NOW)).rejects.toMatchObject({ name: 'StateStoreError', operation: 'writeWindows' });
  });

  it('claims many batches: replays and locked ones from one read, the rest in one transaction', async () => {
    ddb.on(BatchGetItemCommand).resolves({
      Responses: {
        [TABLE]: [
          { pk: { S: 'batch#done' }, status: { S: 'COMPLETED' }, delivered: { S: 'metrics,sns' }, expires: { N: String(NOW / 1000 + 60) } },
          { pk: { S: 'batch#held' }, status: { S: 'INPROGRESS' }, lockUntil: { N: String(NOW + 9000) }, expires: { N: String(NOW / 1000 + 60) } },
          { pk: { S: 'batch#half' }, status: { S: 'FAILED' }, lockUntil: { N: '0' }, delivered: { S: 'metrics' }, expires: { N: String(NOW / 1000 + 60) } },
        ],
      },
    });
    ddb.on(TransactWriteItemsCommand).resolves({});
    const s = store();
    const claims = await s.claimBatches(['done', 'held', 'half', 'fresh'], NOW, NOW + 1000);
    expect(Object.fromEntries([...claims].map(([k, c]) => [k, [c.status, [...c.delivered]]]))).toEqual({
      done: ['completed', ['metrics', 'sns']],
      held: ['in-progress', []],
      half: ['resumed', ['metrics']],
      fresh: ['new', []],
    });
    const items = ddb.commandCalls(TransactWriteItemsCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((i) => i.Update?.Key?.pk?.S)).toEqual(['batch#half', 'batch#fresh']);
    expect(s.calls).toBe(2);
  });

  it('reports every key of a cancelled claim transaction as in progress, so their records are retried', async () => {
    ddb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] } });
    ddb.on(TransactWriteItemsCommand).rejects(Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException' }));
    const claims = await store().claimBatches(['a', 'b'], NOW, NOW + 1000);
    expect([...claims.values()].map((c) => c.status)).toEqual(['in-progress', 'in-progress']);
  });

  it('finishes many batches in one transaction per 100, and wraps a failure', async () => {
    ddb.on(TransactWriteItemsCommand).resolves({});
    const results = new Map(Array.from({ length: 150 }, (_, i) => [`k${i}`, { delivered: new Set(['metrics']), completed: i % 2 === 0 }] as const));
    await store().finishBatches(results, NOW);
    expect(ddb.commandCalls(TransactWriteItemsCommand).map((c) => c.args[0].input.TransactItems?.length)).toEqual([100, 50]);
    ddb.reset();
    ddb.on(TransactWriteItemsCommand).rejects(new Error('throttled'));
    await expect(store().finishBatches(results, NOW)).rejects.toMatchObject({ name: 'StateStoreError', operation: 'finishBatches' });
  });
});
