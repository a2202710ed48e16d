import { loadConfig } from '../../lib/config';
import { createHandler } from '../../lib/handler';
import { RULES } from '../../lib/rules';
import { type CloudTrailEvent, eventBridgeSource } from '../../lib/sources';
import { MemoryStateStore } from '../../lib/state';
import { fixture } from '../fixtures/records';
import { metricTotal, recordingLog, stubClients, TOPIC } from '../helpers/pipeline';

const cloudTrailEvent = (name: string, id = `e-${name}`): CloudTrailEvent => ({
  version: '0',
  id,
  'detail-type': name.includes('console') ? 'AWS Console Sign In via CloudTrail' : 'AWS API Call via CloudTrail',
  source: 'aws.signin',
  account: '111122223333',
  time: new Date(Date.now() - 30_000).toISOString(),
  region: 'us-east-1',
  resources: [],
  detail: fixture(name).record as Record<string, unknown>,
});

describe('EventBridge source', () => {
  const setup = () => {
    const stub = stubClients();
    const handler = createHandler(eventBridgeSource, {
      config: loadConfig({ ALERT_TOPIC_ARN: TOPIC, LOG_LEVEL: 'SILENT' }),
      rules: RULES,
      clients: stub.clients,
      store: new MemoryStateStore(),
      logger: recordingLog(),
    });
    return { handler, stub };
  };

  it.each([
    ['root-console-no-mfa', { RootAccountUsage: 1, ConsoleSignInWithoutMfa: 1, ApiActivityWithoutMFA: 0 }],
    ['assumed-role-api-no-mfa', { RootAccountUsage: 0, ConsoleSignInWithoutMfa: 0, ApiActivityWithoutMFA: 1 }],
    ['iam-user-console-mfa', { RootAccountUsage: 0, ConsoleSignInWithoutMfa: 0, ApiActivityWithoutMFA: 0 }],
  ])('evaluates the same rules on detail (%s), with the metric at the event time', async (name, matched) => {
    const { handler, stub } = setup();
    const summary = await handler(cloudTrailEvent(name));
    expect(summary.matched).toEqual(matched);
    expect(metricTotal(stub.sent, 'RootAccountUsageCount')).toBe(matched.RootAccountUsage);
  });

  it('delivers an event once, keyed by its EventBridge id', async () => {
    const { handler, stub } = setup();
    const event = cloudTrailEvent('root-api-access-key');
    await handler(event);
    expect(await handler(event)).toMatchObject({ replayed: true });
    expect(metricTotal(stub.sent, 'RootAccountUsageCount')).toBe(1);
  });

  it.each([null, [], 'text'])('refuses an event whose detail is %p', async (detail) => {
    const { handler } = setup();
    await expect(handler({ ...cloudTrailEvent('root-api-access-key'), detail } as unknown as CloudTrailEvent)).rejects.toMatchObject({
      name: 'PayloadDecodeError',
      reason: 'invalid-payload',
    });
  });
});
