import fc from 'fast-check';
import { compileRegex } from '../../lib/filter-pattern/regex';

/**
 * The shared subset of AWS's regex dialect and JavaScript's RegExp: literals, `.`, `\d`,
 * `\w`, `\s`, classes and negated classes with ranges, `*`, `+`, `?`, `{m}`, `{m,n}`,
 * alternation, and `^`/`$` at the ends of an alternative. On ASCII text without U+2028 or
 * U+2029 (which only JavaScript's `.` refuses) both must agree.
 */
const literal = fc.constantFrom('a', 'b', 'c', '1', '2', '-', '=', '_', '#', '@', ',', ';', '/');
const escaped = fc.constantFrom('\\d', '\\w', '\\s', '\\.', '\\*', '\\+', '\\?', '\\[', '\\]', '\\{', '\\}', '\\|', '\\^', '\\$', '\\\\');
const cls = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom('a', 'b', 'c', '1', 'a-c', '0-9', '_', '-'), { minLength: 1, maxLength: 3 }))
  .map(([negated, items]) => `[${negated ? '^' : ''}${items.join('')}]`)
  .filter((text) => !/\[\^?-/.test(text) || text.length > 4);
const atom = fc.oneof(
  { weight: 4, arbitrary: literal },
  { weight: 2, arbitrary: escaped },
  { weight: 1, arbitrary: fc.constant('.') },
  { weight: 2, arbitrary: cls },
);
const quantifier = fc.oneof(
  { weight: 5, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom('*', '+', '?') },
  { weight: 1, arbitrary: fc.tuple(fc.nat(3), fc.nat(2)).map(([m, extra]) => (extra === 0 ? `{${m}}` : `{${m},${m + extra}}`)) },
);
const piece = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
const alternative = fc
  .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([start, pieces, end]) => `${start ? '^' : ''}${pieces.join('')}${end ? '$' : ''}`);
const regex = fc.array(alternative, { minLength: 1, maxLength: 3 }).map((alternatives) => alternatives.join('|'));
const text = fc
  .array(fc.constantFrom('a', 'b', 'c', '1', '2', '-', '_', ' ', '\n', '\t', '.', '*', '[', '$', '\\', 'Z'), { maxLength: 12 })
  .map((cs) => cs.join(''));

describe('the regex engine agrees with RegExp on their shared subset (property)', () => {
  it('matches exactly where RegExp matches', () => {
    fc.assert(
      fc.property(regex, fc.array(text, { minLength: 1, maxLength: 8 }), (source, texts) => {
        let ours: (text: string) => boolean;
        try {
          ours = compileRegex(source);
        } catch {
          return; // outside AWS's dialect (for example a class the dialect refuses): nothing to compare
        }
        const theirs = new RegExp(source);
        for (const t of texts) expect([source, t, ours(t)]).toEqual([source, t, theirs.test(t)]);
      }),
      { numRuns: 3000 },
    );
  });

  it('compiles most generated regexes (the comparison is not vacuous)', () => {
    let compiled = 0;
    fc.assert(
      fc.property(regex, (source) => {
        try {
          compileRegex(source);
          compiled++;
        } catch {
          // counted below
        }
      }),
      { numRuns: 500 },
    );
    expect(compiled).toBeGreaterThan(400);
  });
});
