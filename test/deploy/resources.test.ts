import { logicalId, ruleResources } from '../../lib/deploy/resources';
import { parseUserRules, SEED_PACK, subscriptionFilterPattern } from '../../lib/rules';

const settings = { logGroupName: 'trail', namespace: 'CloudTrailMetrics', alarmPeriodSeconds: 300, alarmEvaluationPeriods: 1, alarmThreshold: 1 };

describe('per-rule resources (lib/deploy/resources.ts)', () => {
  it('makes a native metric filter and an alarm per rule, in the rule’s own namespace when it has one', () => {
    const user = parseUserRules(
      [
        {
          id: 'Big.Download',
          pattern: '{ $.bytes > 10 }',
          metricName: 'Bytes',
          namespace: 'Security/S3',
          metricValue: '$.bytes',
          defaultValue: 0,
          severity: 'low',
        },
      ],
      [],
      'CloudTrailMetrics',
    );
    const resources = ruleResources([...SEED_PACK.rules, ...user], settings) as Record<string, any>;
    expect(Object.keys(resources)).toHaveLength(8);
    expect(resources.BigDownloadMetricFilter.Properties.MetricTransformations).toEqual([
      { MetricNamespace: 'Security/S3', MetricName: 'Bytes', MetricValue: '$.bytes', DefaultValue: 0 },
    ]);
    expect(resources.BigDownloadAlarm.Properties.Namespace).toBe('Security/S3');
    expect(resources.RootAccountUsageMetricFilter.Properties.MetricTransformations[0]).toEqual({
      MetricNamespace: 'CloudTrailMetrics',
      MetricName: 'RootAccountUsageCount',
      MetricValue: '1',
    });
  });

  it('refuses two rules whose logical ids collide', () => {
    const rules = [SEED_PACK.rules[0], { ...SEED_PACK.rules[0], id: 'Root.AccountUsage' }].map((r) => r as (typeof SEED_PACK.rules)[number]);
    expect(logicalId('Root.AccountUsage')).toBe('RootAccountUsage');
    expect(() => ruleResources(rules, settings)).toThrow('same logical id');
  });
});

describe('the pre-filter renders every kind of comparison it keeps', () => {
  it.each([
    ['{ $.n > 5 }', '($.n > 5)'],
    ['{ $.x IS NULL }', '($.x IS NULL)'],
    ['{ $.x NOT EXISTS }', '($.x NOT EXISTS)'],
    ['{ $.x = %ab+% }', '($.x = %ab+%)'],
    ['{ $.x = 12 }', '($.x = 12)'],
    ['{ $.x = "a\\"b" }', '($.x = "a\\"b")'],
  ])('%s, in a set too long for the exact OR, keeps %s', (pattern, rendered) => {
    const filler = Array.from({ length: 60 }, (_, i) => ({ pattern: `{ $.eventName = "SomeLongEventName${i}" }` }));
    const result = subscriptionFilterPattern([{ pattern }, ...filler]);
    expect(result.length).toBeLessThanOrEqual(1024);
    expect(result).toContain(rendered);
  });
});
