import fc from 'fast-check';
import { RULES } from '../../lib/rules';
import { ruleMatches } from '../../lib/rules/compiled';
import { oracle } from '../../support/oracle';

// Values chosen to hit every edge: right and wrong case, strings vs booleans vs numbers, null, objects, arrays.
const value = fc.oneof(
  fc.constantFrom('Root', 'root', 'IAMUser', 'AssumedRole', 'true', 'false', 'True', 'No', 'Yes', 'ConsoleLogin', 'AwsServiceEvent', 'AwsApiCall', ''),
  fc.constantFrom(true, false, null, 0, 1, [], ['Root'], {}, { type: 'Root' }),
);
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const object = (shape: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(shape, { requiredKeys: [] }).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));

const record = object({
  eventType: maybe(value),
  eventName: maybe(value),
  additionalEventData: maybe(fc.oneof(object({ MFAUsed: maybe(value) }), value)),
  userIdentity: maybe(
    fc.oneof(
      object({
        type: maybe(value),
        invokedBy: maybe(value),
        sessionContext: maybe(fc.oneof(object({ attributes: maybe(fc.oneof(object({ mfaAuthenticated: maybe(value) }), value)) }), value)),
      }),
      value,
    ),
  ),
});

describe('the engine agrees with a hand-written version of the three metric filters', () => {
  it('on every generated record', () => {
    fc.assert(
      fc.property(record, (r) => {
        const expected = oracle(r);
        return RULES.every((rule) => ruleMatches(rule, r) === expected[rule.id]);
      }),
      { numRuns: 5000 },
    );
  });
});
