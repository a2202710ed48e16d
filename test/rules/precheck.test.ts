import fc from 'fast-check';
import { type BatchEvaluation, buildPrecheck, evaluateBatch, isJsonRule, looksLikeObject, RULES } from '../../lib/rules';
import { generateRecords, seededRng } from '../../support/generator';
import { fixture, RECORD_FIXTURES } from '../fixtures/records';
import { escapeSomeLetters, mutateMessage } from '../helpers/mutate';

const entries = (messages: readonly string[]) => messages.map((message, i) => ({ id: `id-${i}`, timestamp: 1_772_442_900_000 + i, message }));
const matchedIds = (result: BatchEvaluation): string[] => result.matches.map((m) => `${m.rule.id}:${m.logEventId}`);

describe('the exact raw-text pre-check (fast path)', () => {
  const mayMatch = buildPrecheck(RULES.filter(isJsonRule));

  it.each(RECORD_FIXTURES.map((f) => [f.name, f] as const))('never rules out a record a rule matches: %s', (_name, f) => {
    if (Object.values(f.expected).some(Boolean)) expect(mayMatch(JSON.stringify(f.record))).toBe(true);
  });

  it('sends \\u-escaped text to the full parse: \\u0052oot cannot hide a match', () => {
    const json = JSON.stringify(fixture('root-api-access-key').record).replace('"Root"', '"\\u0052oot"');
    expect(JSON.parse(json).userIdentity.type).toBe('Root');
    expect(mayMatch(json)).toBe(true);
    expect(evaluateBatch(entries([json]), RULES).matched.RootAccountUsage).toBe(1);
  });

  it.each([
    ['a single "mfaAuthenticated":"true"', '{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":"true"}}}}', false, 0],
    ['"mfaAuthenticated":"false"', '{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":"false"}}}}', true, 1],
    [
      'a decoy "true" elsewhere and the real "false"',
      '{"requestParameters":{"mfaAuthenticated":"true"},"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":"false"}}}}',
      true,
      1,
    ],
    ['a decoy "true" only, the real field absent', '{"requestParameters":{"mfaAuthenticated":"true"},"userIdentity":{}}', false, 0],
    ['whitespace before the colon', '{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated" : "true"}}}}', true, 0],
    ['a boolean true', '{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":true}}}}', true, 0],
    [
      'the key inside a string value',
      '{"userAgent":"x\\"mfaAuthenticated\\":\\"true","userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":"false"}}}}',
      true,
      1,
    ],
  ])('the != shortcut: %s → may match %s, matches %i', (_label, json, may, matches) => {
    expect(mayMatch(json)).toBe(may);
    expect(evaluateBatch(entries([json]), RULES, { precheck: false }).matched.ApiActivityWithoutMFA).toBe(matches);
    expect(evaluateBatch(entries([json]), RULES).matched.ApiActivityWithoutMFA).toBe(matches);
  });

  it('rules out a typical benign record without parsing it', () => {
    expect(mayMatch(JSON.stringify(fixture('kms-service-event').record))).toBe(false);
    expect(mayMatch(JSON.stringify(fixture('iam-user-api-access-key').record))).toBe(false);
  });

  it.each([
    ['{}', true],
    [' {"a":1}\n', true],
    ['[]', false],
    ['null', false],
    ['{"a":', false],
    ['', false],
    ['{', false],
  ])('looksLikeObject(%j) → %s', (text, expected) => {
    expect(looksLikeObject(text)).toBe(expected);
  });

  it('fast and full paths always agree on what matches (generated, escaped and mutated records)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, matchRate) => {
        const rng = seededRng(seed);
        const messages = generateRecords(40, { seed, matchRate }).map((record) => {
          const json = JSON.stringify(record);
          const roll = rng();
          return roll < 0.3 ? escapeSomeLetters(json, rng) : roll < 0.7 ? mutateMessage(json, rng) : json;
        });
        const fast = evaluateBatch(entries(messages), RULES);
        const full = evaluateBatch(entries(messages), RULES, { precheck: false });
        expect(fast.matched).toEqual(full.matched);
        expect(matchedIds(fast)).toEqual(matchedIds(full));
        expect(fast.rejected).toBeLessThanOrEqual(full.rejected);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['nine in ten messages candidates (the pre-check steps aside after its sample)', 0.9],
    ['few candidates (the pre-check stays on)', 0.02],
  ])('a long batch counts exactly as message-by-message checking does: %s', (_name, matchRate) => {
    const rng = seededRng(7);
    // 700 messages span several 256-message samples; malformed `{…}` messages sit after the first.
    const messages = generateRecords(700, { seed: 11, matchRate }).map((record, i) => {
      const json = JSON.stringify(record);
      return i > 300 && rng() < 0.05 ? json.replace('":', '"') : json;
    });
    const all = entries(messages);
    const batch = evaluateBatch(all, RULES);
    // One message per batch: every message goes through the pre-check, none past a sample.
    const single = all.map((entry) => evaluateBatch([entry], RULES));
    expect(batch.rejected).toBe(single.reduce((sum, r) => sum + r.rejected, 0));
    for (const rule of RULES) expect(batch.matched[rule.id]).toBe(single.reduce((sum, r) => sum + (r.matched[rule.id] ?? 0), 0));
    expect(batch.matches.length).toBeGreaterThan(0);
  });

  it('escaping letters never changes what the full path matches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const rng = seededRng(seed);
        const plain = generateRecords(20, { seed, matchRate: 0.5 }).map((r) => JSON.stringify(r));
        const escaped = plain.map((json) => escapeSomeLetters(json, rng, 0.5));
        expect(evaluateBatch(entries(escaped), RULES).matched).toEqual(evaluateBatch(entries(plain), RULES).matched);
      }),
      { numRuns: 100 },
    );
  });
});
