import { loadConfig } from '../../lib/config';
import { createKinesisHandler } from '../../lib/kinesis-handler';
import { RULES } from '../../lib/rules';
import { decodeKinesisEvent } from '../../lib/sources';
import { batchKey, MemoryStateStore } from '../../lib/state';
import { kinesisEvent, subscriptionPayload } from '../../support/awslogs';
import { fixture } from '../fixtures/records';
import { metricTotal, recordingLog, stubClients, TOPIC } from '../helpers/pipeline';

const recent = () => Date.now() - 60_000;
/** A subscription payload (one Kinesis record) of these fixtures. */
const payload = (...names: string[]) => {
  const t = recent();
  return { payload: subscriptionPayload(names.map((name, i) => ({ message: fixture(name).record, timestamp: t + i }))) };
};
const control = { payload: subscriptionPayload([], { messageType: 'CONTROL_MESSAGE' }) };

function setup(options: { fail?: { metrics?: boolean; sns?: boolean }; dryRun?: boolean } = {}) {
  const stub = stubClients(options.fail);
  const log = recordingLog();
  const store = new MemoryStateStore();
  const config = loadConfig({ ALERT_TOPIC_ARN: TOPIC, LOG_LEVEL: 'SILENT', DRY_RUN: String(options.dryRun ?? false) });
  const handler = createKinesisHandler({ config, rules: RULES, clients: stub.clients, store, logger: log });
  return { handler, stub, log, store };
}

describe('Kinesis handler', () => {
  it('evaluates every record and delivers them together: one PutMetricData, one alert plan', async () => {
    const { handler, stub, store } = setup();
    const { response, summary } = await handler(
      kinesisEvent([payload('root-api-access-key'), payload('assumed-role-api-no-mfa', 'iam-user-console-mfa'), payload('root-api-access-key')]),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(summary).toMatchObject({ records: 3, failedRecords: 0, replayedRecords: 0, logEvents: 4, replayed: false, dryRun: false });
    expect(summary.matched).toMatchObject({ RootAccountUsage: 2, ApiActivityWithoutMFA: 1 });
    expect(stub.sent.metrics).toHaveLength(1);
    expect(metricTotal(stub.sent, 'RootAccountUsageCount')).toBe(2);
    expect(summary.notifications).toBe(2);
    // Read and claim every record (2), read and write the windows (2), finish every record (1).
    expect(store.calls).toBe(5);
  });

  it('skips control messages and reports an undecodable record once, by its sequence number, without sinking the others', async () => {
    const { handler, stub, log } = setup();
    const event = kinesisEvent([control, { rawData: 'not base64 gzip!!' }, payload('root-api-access-key')]);
    const bad = event.Records[1]?.kinesis.sequenceNumber as string;
    const first = await handler(event);
    expect(first.response).toEqual({ batchItemFailures: [{ itemIdentifier: bad }] });
    expect(first.summary).toMatchObject({ records: 3, failedRecords: 1, logEvents: 1 });
    expect(metricTotal(stub.sent, 'RootAccountUsageCount')).toBe(1);
    // Lambda retries from the failed record: the good one after it is a replay, the bad one is not logged again.
    const retry = await handler(event);
    expect(retry.response).toEqual({ batchItemFailures: [{ itemIdentifier: bad }] });
    expect(retry.summary).toMatchObject({ replayedRecords: 1, failedRecords: 1 });
    expect(metricTotal(stub.sent, 'RootAccountUsageCount')).toBe(1);
    const reports = log.lines.filter((l) => l.message === 'trailwatch.undecodable-record');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.extra[0]).toMatchObject({ record: { shardId: 'shardId-000000000000', sequenceNumber: bad, reason: 'not-base64' } });
  });

  it.each([
    ['sns', 'metrics'],
    ['metrics', 'sns'],
  ] as const)('when %s fails, names every record of the batch, and the retry sends only the %s that did not go out', async (failing, _pending) => {
    const { handler, stub } = setup({ fail: { [failing]: true } });
    const event = kinesisEvent([payload('root-api-access-key'), payload('assumed-role-api-no-mfa')]);
    const first = await handler(event);
    expect(first.response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(event.Records.map((r) => r.kinesis.sequenceNumber));
    stub.fail[failing] = false;
    const retry = await handler(event);
    expect(retry.response.batchItemFailures).toEqual([]);
    expect(metricTotal(stub.sent, 'RootAccountUsageCount')).toBe(1);
    expect(stub.sent.messages).toHaveLength(2);
    expect((await handler(event)).summary).toMatchObject({ replayed: true, replayedRecords: 2, notifications: 0 });
  });

  it('honours DRY_RUN: plans everything, sends nothing', async () => {
    const { handler, stub } = setup({ dryRun: true });
    const { summary } = await handler(kinesisEvent([payload('root-api-access-key')]));
    expect(summary).toMatchObject({ dryRun: true, notifications: 1 });
    expect(summary.metrics).toHaveLength(1);
    expect(stub.sent).toEqual({ metrics: [], messages: [], chat: [], findings: [], events: [] });
  });

  it('treats the same subscription message twice in one batch as one', async () => {
    const { handler, stub } = setup();
    const same = payload('root-api-access-key');
    const { summary } = await handler(kinesisEvent([same, same]));
    expect(summary).toMatchObject({ records: 2, replayedRecords: 1, failedRecords: 0 });
    expect(metricTotal(stub.sent, 'RootAccountUsageCount')).toBe(1);
  });

  it('names a record that another invocation is delivering, so that Lambda retries it later', async () => {
    const { handler, store } = setup();
    const event = kinesisEvent([payload('root-api-access-key'), payload('assumed-role-api-no-mfa')]);
    const [held] = decodeKinesisEvent(event, 1e9);
    if (held?.kind !== 'data') throw new Error('expected a data record');
    await store.claimBatches([batchKey(held.batch)], Date.now(), Date.now() + 60_000);
    const { response, summary } = await handler(event);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: held.sequenceNumber }]);
    expect(summary.matched).toEqual({ ApiActivityWithoutMFA: 1, RootAccountUsage: 0, ConsoleSignInWithoutMfa: 0 });
  });
});
