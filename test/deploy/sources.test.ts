import { crossAccount, destinationPolicy, eventBridgePrefilter, type SourceSettings, sourceFunction, sourceResources } from '../../lib/deploy/sources';
import { rulesOfPacks, subscriptionFilterPattern } from '../../lib/rules';

const base: SourceSettings = {
  source: 'cloudwatch',
  logGroupName: 'org-trail',
  metricNamespaces: ['CloudTrailMetrics'],
  filterPattern: '{ $.a = 1 }',
  kinesisShards: 0,
  batchSize: 100,
  batchWindowSeconds: 1,
  parallelizationFactor: 1,
  maximumRetryAttempts: 2,
  maximumRecordAgeSeconds: 3600,
  destinationAccounts: [],
  destinationOrgId: '',
};

describe('per-source resources (lib/deploy/sources.ts)', () => {
  it.each([
    ['cloudwatch', 'handlers/detector.handler', true, ['CloudTrailSubscription', 'DetectorLogsInvokePermission', 'FailedBatchQueue']],
    ['eventbridge', 'handlers/eventbridge.handler', true, ['CloudTrailEventRule', 'CloudTrailEventRuleInvokePermission', 'FailedBatchQueue']],
    ['kinesis', 'handlers/kinesis.handler', false, ['CloudTrailSubscription', 'DetectorStreamMapping', 'FailedRecordsBucket', 'TrailStream']],
  ] as const)('%s: handler %s, async retries %s, and its own resources', (source, handler, async, expected) => {
    const settings = { ...base, source };
    const fn = sourceFunction(settings);
    expect(fn.handler).toBe(handler);
    expect('destinations' in fn).toBe(async);
    const { resources } = sourceResources(settings);
    for (const id of expected) expect(resources[id]).toBeDefined();
    expect(resources.DetectorRole).toBeDefined();
    expect(resources.TrailwatchDestination).toBeUndefined();
  });

  it.each([
    [0, { StreamModeDetails: { StreamMode: 'ON_DEMAND' } }],
    [4, { StreamModeDetails: { StreamMode: 'PROVISIONED' }, ShardCount: 4 }],
  ])('kinesisShards=%i makes the stream %j', (kinesisShards, expected) => {
    const { resources } = sourceResources({ ...base, source: 'kinesis', kinesisShards });
    expect((resources.TrailStream as { Properties: unknown }).Properties).toMatchObject(expected);
  });

  it('opens a destination to an organization, and lets its accounts assume the write role', () => {
    const settings = { ...base, source: 'kinesis' as const, destinationOrgId: 'o-a1b2c3d4e5' };
    expect(crossAccount(settings)).toBe(true);
    const { resources, outputs } = sourceResources(settings);
    expect(outputs.DestinationArn).toBeDefined();
    expect(destinationPolicy(settings).Statement).toEqual([
      expect.objectContaining({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } } }),
    ]);
    const trust = (resources.LogsToKinesisRole as any).Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Condition).toEqual({ StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } });
  });

  it.each([
    ['the seed pack alone', subscriptionFilterPattern(), 3],
    ['seed and cis', subscriptionFilterPattern(rulesOfPacks(['seed', 'cis'])), undefined],
    ['a rule that is not JSON', '', undefined],
  ])('narrows the EventBridge rule only for %s', (_name, filterPattern, alternatives) => {
    const { resources } = sourceResources({ ...base, source: 'eventbridge', filterPattern });
    const pattern = (resources.CloudTrailEventRule as { Properties: { EventPattern: { $or?: unknown[]; 'detail-type': unknown[] } } }).Properties.EventPattern;
    expect(pattern.$or?.length).toBe(alternatives);
    expect(pattern['detail-type']).toHaveLength(2);
  });

  it('makes the EventBridge pre-filter a superset of the three rules', () => {
    const pattern = eventBridgePrefilter() as { $or: unknown[] };
    expect(pattern.$or).toHaveLength(3);
    expect(crossAccount(base)).toBe(false);
  });
});
