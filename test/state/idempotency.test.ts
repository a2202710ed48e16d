import { MemoryStateStore, StateStoreError } from '../../lib/state';
import { parseSuppressions } from '../../lib/suppressions';
import { awslogsEvent } from '../../support/awslogs';
import { fixture } from '../fixtures/records';
import { metricTotal, recordingLog, stubClients, testHandler } from '../helpers/pipeline';

const recent = () => Date.now() - 60_000;
const event = (...names: string[]) => {
  const t = recent();
  return awslogsEvent(names.map((name, i) => ({ message: fixture(name).record, timestamp: t + i })));
};
const ROOT = 'RootAccountUsageCount';
const API = 'ApiActivityWithoutMFACount';

describe('a batch that arrives again', () => {
  it('is delivered once: the replay publishes no metric and sends no alert, and says replayed', async () => {
    const stub = stubClients();
    const handler = testHandler({ clients: stub.clients });
    const batch = event('root-console-no-mfa', 'assumed-role-api-no-mfa');
    const first = await handler(batch);
    const again = await handler(batch);
    // The root console sign-in matches two rules: three alerts in all.
    expect(first).toMatchObject({ replayed: false, notifications: 3 });
    expect(again).toMatchObject({ replayed: true, notifications: 0, metrics: [], messages: [] });
    expect(again.matched).toEqual(first.matched);
    expect(metricTotal(stub.sent, ROOT)).toBe(1);
    expect(stub.sent.messages).toHaveLength(3);
  });

  it.each([
    ['SNS', 'sns', 'metrics'],
    ['CloudWatch', 'metrics', 'sns'],
  ] as const)('after %s failed, the retry sends only what did not go out', async (_, failing, working) => {
    const stub = stubClients({ [failing]: true });
    const handler = testHandler({ clients: stub.clients });
    const batch = event('root-console-no-mfa', 'assumed-role-api-no-mfa');
    await expect(handler(batch)).rejects.toMatchObject({ name: 'DeliveryError', failures: [{ sink: failing }], delivered: expect.arrayContaining([working]) });
    const afterFailure = { metrics: stub.sent.metrics.length, messages: stub.sent.messages.length };
    stub.fail[failing] = false;
    const retry = await handler(batch);
    expect(retry.replayed).toBe(false);
    if (failing === 'sns') {
      expect(retry.metrics).toEqual([]);
      expect(stub.sent.metrics).toHaveLength(afterFailure.metrics);
      expect(stub.sent.messages).toHaveLength(3);
    } else {
      expect(retry.messages).toEqual([]);
      expect(stub.sent.messages).toHaveLength(afterFailure.messages);
    }
    expect(metricTotal(stub.sent, ROOT)).toBe(1);
    expect(metricTotal(stub.sent, API)).toBe(1);
    expect(await handler(batch)).toMatchObject({ replayed: true });
  });

  it('delivered by two concurrent invocations goes out once; the second is told to retry', async () => {
    const stub = stubClients({}, 20);
    const store = new MemoryStateStore();
    const a = testHandler({ clients: stub.clients, store });
    const b = testHandler({ clients: stub.clients, store });
    const batch = event('root-console-no-mfa');
    const [first, second] = await Promise.allSettled([a(batch), b(batch)]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { name: 'BatchInProgressError' } });
    expect(await b(batch)).toMatchObject({ replayed: true });
    expect(metricTotal(stub.sent, ROOT)).toBe(1);
    expect(stub.sent.messages).toHaveLength(2);
  });

  it('sends nothing when the state cannot be read, and throws so that Lambda retries', async () => {
    const stub = stubClients();
    const store = new MemoryStateStore();
    store.claimBatch = async () => {
      throw new StateStoreError('claimBatch', 'UpdateItem failed');
    };
    const log = recordingLog();
    await expect(testHandler({ clients: stub.clients, store, log })(event('root-console-no-mfa'))).rejects.toMatchObject({ name: 'StateStoreError' });
    expect(stub.sent).toEqual({ metrics: [], messages: [], chat: [], findings: [], events: [] });
    expect(log.lines.map((l) => l.message)).toContain('trailwatch.batch-failed');
  });

  it('uses a fixed number of state calls per invocation, whatever the batch size', async () => {
    for (const size of [1, 50, 500]) {
      const store = new MemoryStateStore();
      const handler = testHandler({ store });
      await handler(event(...Array.from({ length: size }, (_, i) => (i % 2 ? 'assumed-role-api-no-mfa' : 'iam-user-console-no-mfa'))));
      expect(store.calls).toBe(4);
    }
  });
});

describe('alert windows across invocations', () => {
  it('alerts once per (rule, principal) per window, counts the rest, and reports them after the window', async () => {
    let now = Date.now();
    const stub = stubClients();
    const handler = testHandler({ clients: stub.clients, clock: () => now });
    const first = await handler(event('assumed-role-api-no-mfa'));
    now += 10 * 60_000;
    const second = await handler(event('assumed-role-api-no-mfa', 'assumed-role-api-no-mfa'));
    now += 51 * 60_000;
    const third = await handler(event('assumed-role-api-no-mfa'));
    expect([first, second, third].map((s) => s.notifications)).toEqual([1, 0, 1]);
    expect(second.deduplicated).toEqual({ ApiActivityWithoutMFA: 2 });
    expect([first, second, third].map((s) => s.matched.ApiActivityWithoutMFA)).toEqual([1, 2, 1]);
    expect(metricTotal(stub.sent, API)).toBe(4);
    expect(stub.sent.messages[1]?.Message).toContain('2 more events');
  });
});

describe('suppressions', () => {
  const now = Date.now();
  const suppressions = parseSuppressions(
    [
      {
        id: 'deploy-role',
        rules: ['ApiActivityWithoutMFA'],
        pattern: '{ $.userIdentity.sessionContext.sessionIssuer.userName = "DeployRole" }',
        reason: 'CI deploys',
        owner: 'platform',
        expires: new Date(now + 30 * 86_400_000).toISOString().slice(0, 10),
      },
      { id: 'old', rules: '*', pattern: '{ $.eventName = "*" }', reason: 'expired long ago', owner: 'sec', expires: '2020-01-01' },
    ],
    ['RootAccountUsage', 'ApiActivityWithoutMFA', 'ConsoleSignInWithoutMfa'],
    now,
  );

  it('counts a suppressed match in the metrics but sends no alert for it, and reports it per rule and per suppression', async () => {
    const stub = stubClients();
    const log = recordingLog();
    const handler = testHandler({ clients: stub.clients, suppressions, log });
    const summary = await handler(event('assumed-role-api-no-mfa', 'root-console-no-mfa'));
    expect(summary.matched).toMatchObject({ ApiActivityWithoutMFA: 1, RootAccountUsage: 1 });
    expect(summary.suppressed).toEqual({ ApiActivityWithoutMFA: 1 });
    expect(summary.suppressedBy).toEqual({ 'deploy-role': 1 });
    expect(metricTotal(stub.sent, API)).toBe(1);
    const subjects = stub.sent.messages.map((m) => m.Subject ?? '');
    expect(subjects).toHaveLength(2);
    expect(subjects.some((s) => s.includes('API activity without MFA'))).toBe(false);
  });

  it('an expired suppression no longer applies: logged once per cold start and counted in the ExpiredSuppressions metric', async () => {
    const stub = stubClients();
    const log = recordingLog();
    const handler = testHandler({ clients: stub.clients, suppressions, log });
    await handler(event('root-console-no-mfa'));
    await handler(event('root-console-no-mfa'));
    // Root alerts every invocation; the console sign-in once per window. Nothing is suppressed.
    expect(stub.sent.messages).toHaveLength(3);
    expect(log.lines.filter((l) => l.message === 'trailwatch.suppression-expired')).toEqual([
      {
        level: 'warn',
        message: 'trailwatch.suppression-expired',
        extra: [{ suppression: { id: 'old', owner: 'sec', expires: '2020-01-01', reason: 'expired long ago' } }],
      },
    ]);
    expect(metricTotal(stub.sent, 'ExpiredSuppressions')).toBe(2);
  });
});
