import { RULE_DEFINITIONS, RULES, type Rule, RuleId } from '../../lib/rules';
import { ruleMatches } from '../../lib/rules/compiled';
import { RECORD_FIXTURES } from '../fixtures/records';

describe('the seed rules are the published metric filters, verbatim', () => {
  it.each([
    [
      RuleId.RootAccountUsage,
      'RootAccountUsageCount',
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    ],
    [RuleId.ApiActivityWithoutMFA, 'ApiActivityWithoutMFACount', '{ $.userIdentity.sessionContext.attributes.mfaAuthenticated != "true" }'],
    [RuleId.ConsoleSignInWithoutMfa, 'ConsoleSignInWithoutMfaCount', '{ $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed = "No" }'],
  ])('%s → %s with its pattern character for character', (id, metricName, pattern) => {
    const rule = RULES.find((r) => r.id === id);
    expect(rule).toBeDefined();
    expect(rule?.metricName).toBe(metricName);
    expect(rule?.namespace).toBe('CloudTrailMetrics');
    expect(rule?.metricValue).toBe(1);
    expect(rule?.pattern).toBe(pattern);
    expect(rule?.compiled.pattern).toBe(pattern);
  });

  it('has exactly the three seed rules, in order', () => {
    expect(RULE_DEFINITIONS.map((r) => r.id)).toEqual(['RootAccountUsage', 'ApiActivityWithoutMFA', 'ConsoleSignInWithoutMfa']);
  });

  it('is frozen so nothing can change a pattern at run time', () => {
    expect(Object.isFrozen(RULES)).toBe(true);
    expect(Object.isFrozen(RULES[0])).toBe(true);
  });
});

describe('each rule on each hand-written record', () => {
  const cases = RECORD_FIXTURES.flatMap((f) => RULES.map((rule) => [f.name, rule.id, f.expected[rule.id], f] as const));
  it.each(cases)('%s: %s → %s', (_name, ruleId, expected, f) => {
    const rule = RULES.find((r) => r.id === ruleId);
    expect(ruleMatches(rule as Rule, f.record)).toBe(expected);
  });

  it('covers a match and a non-match for every rule', () => {
    for (const rule of RULES) {
      const outcomes = new Set(RECORD_FIXTURES.map((f) => f.expected[rule.id]));
      expect(outcomes).toEqual(new Set([true, false]));
    }
  });
});
