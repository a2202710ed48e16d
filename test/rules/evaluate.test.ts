import fc from 'fast-check';
import { compileJsonPattern } from '../../lib/filter-pattern';
import { BatchEvaluator, compileRules, evaluateBatch, RULES, type Rule, rulesOfPacks } from '../../lib/rules';
import { logEventId } from '../../support/awslogs';
import { fixture, RECORD_FIXTURES } from '../fixtures/records';

const entry = (message: string, n: number): { id: string; timestamp: number; message: string } => ({
  id: logEventId(n),
  timestamp: 1_772_442_900_000 + n,
  message,
});

describe('evaluateBatch', () => {
  it('counts every fixture exactly as the three metric filters would', () => {
    const result = evaluateBatch(
      RECORD_FIXTURES.map((f, i) => entry(JSON.stringify(f.record), i)),
      RULES,
    );
    for (const rule of RULES) {
      expect(result.matched[rule.id]).toBe(RECORD_FIXTURES.filter((f) => f.expected[rule.id]).length);
    }
    expect(result.logEvents).toBe(RECORD_FIXTURES.length);
    expect(result.rejected).toBe(0);
  });

  it.each([
    // Text the pre-check cannot rule out is parsed, and the parse says why it is rejected…
    ['not JSON but mentioning Root', 'Root "type" "userIdentity" "eventType" not json', 'not-json'],
    ['a JSON array', '[{"userIdentity":{"type":"Root","eventType":"x"}}]', 'not-object'],
    ['a JSON string', '"\\u0052oot"', 'not-object'],
    ['truncated JSON', '{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":"fa', 'not-json'],
    // …and text that provably cannot match is not parsed, only checked to look like {…}.
    ['not JSON', 'not json', 'not-object'],
    ['JSON null', 'null', 'not-object'],
    ['truncated JSON without rule fields', '{"eventName":"GetObject","awsRe', 'not-object'],
  ])('rejects a message that is %s and goes on with the rest', (_label, message, reason) => {
    const good = JSON.stringify(fixture('root-console-no-mfa').record);
    const result = evaluateBatch([entry(good, 0), entry(message, 1), entry(good, 2)], RULES);
    expect(result.logEvents).toBe(3);
    expect(result.rejected).toBe(1);
    expect(result.rejections).toEqual([{ index: 1, id: logEventId(1), reason, messageLength: message.length }]);
    expect(result.matched.RootAccountUsage).toBe(2);
  });

  it.each([[null], ['text'], [{ id: 1, timestamp: 1, message: '{}' }], [{ id: 'x', message: '{}' }], [{ id: 'x', timestamp: 1, message: {} }]])(
    'rejects a log event entry that is not { id, timestamp, message }: %j',
    (bad) => {
      const result = evaluateBatch([bad, entry('{}', 1)], RULES);
      expect(result).toMatchObject({ logEvents: 2, rejected: 1, rejections: [{ index: 0, reason: 'invalid-log-event' }] });
    },
  );

  it('counts a duplicate log event id once', () => {
    const root = entry(JSON.stringify(fixture('root-console-no-mfa').record), 7);
    const result = evaluateBatch([root, root, { ...root }], RULES);
    expect(result).toMatchObject({ logEvents: 3, duplicates: 2, rejected: 0 });
    expect(result.matched.RootAccountUsage).toBe(1);
  });

  it('a rule that throws never sinks the batch', () => {
    const broken: Rule = {
      ...(RULES[0] as Rule),
      compiled: {
        ...compileJsonPattern('{ $.a = 1 }'),
        matches: () => {
          throw new Error('boom');
        },
      },
    };
    const result = evaluateBatch([entry(JSON.stringify(fixture('root-console-no-mfa').record), 0)], [broken, ...RULES.slice(1)]);
    expect(result.ruleFailures).toHaveLength(1);
    expect(result.matched.ConsoleSignInWithoutMfa).toBe(1);
  });

  it('the counts always add up (property)', () => {
    const message = fc.oneof(fc.constantFrom(...RECORD_FIXTURES.map((f) => JSON.stringify(f.record))), fc.string(), fc.json());
    fc.assert(
      fc.property(fc.array(fc.tuple(message, fc.nat(5)), { maxLength: 30 }), (items) => {
        const result = evaluateBatch(
          items.map(([m, id]) => entry(m, id)),
          RULES,
        );
        const unique = new Set(items.map(([, id]) => id)).size;
        return (
          result.logEvents === items.length &&
          result.duplicates === items.length - unique &&
          result.rejected <= unique &&
          Object.values(result.matched).every((n) => n <= unique - result.rejected)
        );
      }),
    );
  });

  it('gives the same evaluation fed in parts as in one list, duplicates across parts included (property)', () => {
    const message = fc.oneof(fc.constantFrom(...RECORD_FIXTURES.map((f) => JSON.stringify(f.record))), fc.string(), fc.json());
    const item = fc.oneof(
      fc.tuple(message, fc.nat(8)).map(([m, id]) => entry(m, id)),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.array(fc.nat(30), { maxLength: 4 }), (items, cuts) => {
        const bounds = [0, ...[...new Set(cuts)].filter((c) => c < items.length).sort((a, b) => a - b), items.length];
        const evaluator = new BatchEvaluator(RULES);
        for (let i = 0; i + 1 < bounds.length; i++) evaluator.add(items.slice(bounds[i], bounds[i + 1]), i + 2 === bounds.length);
        expect(evaluator.finish()).toEqual(evaluateBatch(items, RULES));
      }),
      { numRuns: 500 },
    );
  });

  it('tests a pattern that two rules share once, and counts and reports both, in rule order', () => {
    const rules = compileRules(rulesOfPacks(['seed', 'cis']));
    const seen: string[] = [];
    const root = JSON.stringify(fixture('root-console-no-mfa').record);
    const result = evaluateBatch([entry(root, 0), entry(root, 1)], rules, { onMatch: (rule, logEvent) => seen.push(`${logEvent.id.slice(-1)}:${rule.id}`) });
    expect(result.matched).toMatchObject({ RootAccountUsage: 2, 'CloudWatch.1': 2 });
    expect(seen.filter((s) => s.endsWith(':RootAccountUsage') || s.endsWith(':CloudWatch.1'))).toEqual([
      '0:RootAccountUsage',
      '0:CloudWatch.1',
      '1:RootAccountUsage',
      '1:CloudWatch.1',
    ]);
  });
});
