import { SEED_PACK, subscriptionFilterPattern } from '../../lib/rules';
import { selectivity } from '../../support/selectivity';

describe('the pre-filter selectivity serverless package prints', () => {
  it("lets the seed's exact pre-filter through as often as its rules match", () => {
    const s = selectivity(subscriptionFilterPattern(SEED_PACK.rules), SEED_PACK.rules, 1000);
    expect(s.records).toBe(1000);
    expect(s.passed).toBeCloseTo(s.matched, 5);
    expect(s.matched).toBeGreaterThan(0);
  });

  it('lets everything through the empty pre-filter a rule that is not JSON needs, and tests that rule on the text', () => {
    const rules = [...SEED_PACK.rules, { pattern: 'AccessDenied' }];
    const s = selectivity(subscriptionFilterPattern(rules), rules, 1000);
    expect(s.passed).toBe(1);
    expect(s.matched).toBeGreaterThanOrEqual(selectivity(subscriptionFilterPattern(SEED_PACK.rules), SEED_PACK.rules, 1000).matched);
  });
});
