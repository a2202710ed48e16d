import fc from 'fast-check';
import { compileJsonPattern, MAX_PATTERN_LENGTH } from '../../lib/filter-pattern';
import { CIS_PACK, compileRules, evaluateBatch, PACKS, parsePackIds, rulesOfPacks, SEED_PACK, subscriptionFilterPattern } from '../../lib/rules';
import { ruleMatches } from '../../lib/rules/compiled';
import { generateRecords } from '../../support/generator';
import { fixture } from '../fixtures/records';

const cis = compileRules(CIS_PACK.rules);
const rule = (id: string) => cis.find((r) => r.id === id) as (typeof cis)[number];
const base = () => structuredClone(fixture('iam-user-api-access-key').record) as Record<string, any>;
const withFields = (fields: Record<string, unknown>) => ({ ...base(), ...fields });

describe('the cis pack: Security Hub CloudWatch.1–14', () => {
  it('has the control ids, in order, each pattern verbatim from Security Hub', () => {
    expect(CIS_PACK.rules.map((r) => r.id)).toEqual(Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`));
    expect(CIS_PACK.rules[0]?.pattern).toBe('{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}');
    expect(new Set(CIS_PACK.rules.map((r) => r.metricName)).size).toBe(14);
  });

  it.each([
    ['CloudWatch.1', fixture('root-api-access-key').record, fixture('root-invoked-by-service').record],
    ['CloudWatch.2', withFields({ errorCode: 'Client.UnauthorizedOperation' }), withFields({ errorCode: 'ThrottlingException' })],
    ['CloudWatch.2', withFields({ errorCode: 'AccessDenied' }), withFields({ errorCode: 'NotAccessDenied' })],
    ['CloudWatch.3', fixture('iam-user-console-no-mfa').record, fixture('iam-user-console-mfa').record],
    ['CloudWatch.4', withFields({ eventName: 'PutRolePolicy' }), withFields({ eventName: 'GetRolePolicy' })],
    ['CloudWatch.5', withFields({ eventName: 'StopLogging' }), withFields({ eventName: 'LookupEvents' })],
    ['CloudWatch.6', fixture('iam-user-console-failure').record, fixture('iam-user-console-no-mfa').record],
    [
      'CloudWatch.7',
      withFields({ eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion' }),
      withFields({ eventSource: 's3.amazonaws.com', eventName: 'ScheduleKeyDeletion' }),
    ],
    [
      'CloudWatch.8',
      withFields({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy' }),
      withFields({ eventSource: 's3.amazonaws.com', eventName: 'GetBucketPolicy' }),
    ],
    [
      'CloudWatch.9',
      withFields({ eventSource: 'config.amazonaws.com', eventName: 'StopConfigurationRecorder' }),
      withFields({ eventSource: 'config.amazonaws.com', eventName: 'StartConfigurationRecorder' }),
    ],
    ['CloudWatch.10', withFields({ eventName: 'AuthorizeSecurityGroupIngress' }), withFields({ eventName: 'DescribeSecurityGroups' })],
    ['CloudWatch.11', withFields({ eventName: 'ReplaceNetworkAclEntry' }), withFields({ eventName: 'DescribeNetworkAcls' })],
    ['CloudWatch.12', withFields({ eventName: 'AttachInternetGateway' }), withFields({ eventName: 'DescribeInternetGateways' })],
    ['CloudWatch.13', withFields({ eventName: 'CreateRoute' }), withFields({ eventName: 'CreateRoutes' })],
    ['CloudWatch.14', withFields({ eventName: 'ModifyVpcAttribute' }), withFields({ eventName: 'DescribeVpcAttribute' })],
  ])('%s matches its event and not the near miss', (id, hit, miss) => {
    expect(ruleMatches(rule(id), hit)).toBe(true);
    expect(ruleMatches(rule(id), miss)).toBe(false);
  });

  it('counts CloudWatch.1 and RootAccountUsage each to its own metric, as two metric filters would', () => {
    const rules = compileRules(rulesOfPacks(['seed', 'cis']));
    const root = fixture('root-api-access-key').record;
    const hits = rules.filter((r) => ruleMatches(r, root));
    expect(hits.map((r) => `${r.id} ${r.metricName}`)).toEqual(['RootAccountUsage RootAccountUsageCount', 'CloudWatch.1 RootAccountUsageCISCount']);
  });
});

describe('RULE_PACKS', () => {
  it.each([
    ['seed', ['seed']],
    ['seed,cis', ['seed', 'cis']],
    [' cis , seed ', ['cis', 'seed']],
    ['seed,seed', undefined],
    ['seed,pci', undefined],
    ['', undefined],
  ])('%j → %j', (value, expected) => {
    expect(parsePackIds(value)).toEqual(expected);
  });

  it('knows the seed and cis packs', () => {
    expect(Object.keys(PACKS)).toEqual(['seed', 'cis']);
  });
});

describe('the pre-filter for seed,cis', () => {
  const rules = compileRules(rulesOfPacks(['seed', 'cis']));
  const pattern = subscriptionFilterPattern(rules);
  const prefilter = compileJsonPattern(pattern);
  const anyRule = (record: unknown) => rules.some((r) => ruleMatches(r, record));

  it('fits CloudWatch Logs’ limit, though the patterns together do not, and the seed alone stays exact', () => {
    expect(rules.reduce((n, r) => n + r.pattern.length, 0)).toBeGreaterThan(MAX_PATTERN_LENGTH);
    expect(pattern.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
    expect(subscriptionFilterPattern(SEED_PACK.rules)).toBe(subscriptionFilterPattern());
  });

  // Records shaped like CloudTrail's, with the fields the rules read drawn from their own values,
  // near misses and noise, so that every rule matches some of them.
  const names = [...new Set(rules.flatMap((r) => [...r.pattern.matchAll(/eventName\s*=\s*"?([A-Za-z]+)/g)].map((m) => m[1] as string)))];
  const field = <T>(values: readonly T[]) => fc.option(fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 12 })), { nil: undefined });
  const record = fc.record(
    {
      eventName: field(names.flatMap((n) => [n, `${n}s`, n.toLowerCase(), n.slice(1)])),
      eventSource: field(['kms.amazonaws.com', 's3.amazonaws.com', 'config.amazonaws.com', 'signin.amazonaws.com', 'ec2.amazonaws.com']),
      errorCode: field(['AccessDenied', 'AccessDeniedException', 'Client.UnauthorizedOperation', 'UnauthorizedOperation', 'Throttling']),
      errorMessage: field(['Failed authentication', 'No']),
      eventType: field(['AwsApiCall', 'AwsServiceEvent', 'AwsConsoleSignIn']),
      userIdentity: fc.option(
        fc.record(
          {
            type: field(['Root', 'IAMUser', 'AssumedRole', 'root']),
            invokedBy: field(['support.amazonaws.com']),
            sessionContext: fc.option(fc.record({ attributes: fc.record({ mfaAuthenticated: field(['true', 'false', true, false]) }) }), { nil: undefined }),
          },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
      additionalEventData: fc.option(fc.record({ MFAUsed: field(['Yes', 'No', 'no']) }), { nil: undefined }),
      responseElements: fc.option(fc.record({ ConsoleLogin: field(['Success', 'Failure']) }), { nil: undefined }),
    },
    { requiredKeys: [] },
  );

  it('is sound: it never drops an event that an enabled rule matches (generated and mutated records)', () => {
    let matching = 0;
    fc.assert(
      fc.property(record, (r) => {
        const hit = anyRule(r);
        if (hit) matching++;
        return !hit || prefilter.matches(r);
      }),
      { numRuns: 5000 },
    );
    expect(matching).toBeGreaterThan(500);
  });

  it('evaluates a batch exactly as checking every rule on every record would, with the per-event-name dispatch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(record, fc.record({ eventName: fc.oneof(fc.integer(), fc.constant(null), fc.constantFrom(...names)) })), { maxLength: 40 }),
        (records) => {
          const seen: string[] = [];
          const entries = records.map((r, i) => ({ id: String(i), timestamp: 1, message: JSON.stringify(r) }));
          const result = evaluateBatch(entries, rules, { precheck: false, onMatch: (rule, logEvent) => seen.push(`${logEvent.id}:${rule.id}`) });
          const expected = records.flatMap((r, i) => rules.filter((rule) => ruleMatches(rule, JSON.parse(JSON.stringify(r)))).map((rule) => `${i}:${rule.id}`));
          expect(seen).toEqual(expected);
          for (const rule of rules) expect(result.matched[rule.id]).toBe(expected.filter((e) => e.endsWith(`:${rule.id}`)).length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is sound on the bench’s generated records and on arbitrary JSON', () => {
    for (const r of generateRecords(3000, { seed: 5, matchRate: 0.3 })) if (anyRule(r)) expect(prefilter.matches(r)).toBe(true);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => !anyRule(value) || prefilter.matches(value)),
      { numRuns: 2000 },
    );
  });
});
