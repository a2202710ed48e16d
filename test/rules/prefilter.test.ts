import fc from 'fast-check';
import { compileJsonPattern, MAX_PATTERN_LENGTH } from '../../lib/filter-pattern';
import { RULES, subscriptionFilterPattern } from '../../lib/rules';
import { ruleMatches } from '../../lib/rules/compiled';
import { RECORD_FIXTURES } from '../fixtures/records';

describe('the subscription pre-filter generated from the rules', () => {
  const pattern = subscriptionFilterPattern();
  const prefilter = compileJsonPattern(pattern);

  it('parses with our own engine and fits CloudWatch Logs’ limit', () => {
    expect(pattern.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
    expect(prefilter.pattern).toBe(pattern);
  });

  it('contains each rule’s expression verbatim', () => {
    for (const rule of RULES) expect(pattern).toContain(`(${rule.pattern.slice(1, -1).trim()})`);
  });

  it.each(RECORD_FIXTURES.map((f) => [f.name, f] as const))('lets %s through exactly when some rule matches it', (_name, f) => {
    expect(prefilter.matches(f.record)).toBe(Object.values(f.expected).some(Boolean));
  });

  it('is exactly the OR of the rules on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => prefilter.matches(value) === RULES.some((rule) => ruleMatches(rule, value))),
      { numRuns: 2000 },
    );
  });

  it('refuses to generate a pattern over 1,024 characters', () => {
    expect(() => subscriptionFilterPattern([{ pattern: `{ $.a = "${'x'.repeat(1100)}" }` }])).toThrow('1024');
  });
});
