import fc from 'fast-check';
import { compileJsonPattern } from '../../lib/filter-pattern';
import { compileTest, optimize } from '../../lib/filter-pattern/evaluator';
import { isJsonObject } from '../../lib/json';

describe('folding runs of `=` on one selector into one lookup', () => {
  const values = ['a', 'b', '1', '1.0', 'A', ''];
  const selectors = ['$.x', '$.y', '$.x.y'];
  const term = fc.oneof(
    fc.tuple(fc.constantFrom(...selectors), fc.constantFrom(...values)).map(([s, v]) => `(${s} = "${v}")`),
    fc.tuple(fc.constantFrom(...selectors), fc.constantFrom('1', '2', '1.0')).map(([s, v]) => `(${s} = ${v})`),
    fc.tuple(fc.constantFrom(...selectors), fc.constantFrom(...values)).map(([s, v]) => `(${s} != "${v}")`),
    fc.constantFrom('($.x = "a*")', '($.y NOT EXISTS)', '($.x IS NULL)'),
  );
  const pattern = fc
    .array(term, { minLength: 1, maxLength: 8 })
    .chain((terms) => fc.constantFrom(' || ', ' && ').map((joint) => `{ ${terms.join(joint === ' && ' && terms.length > 2 ? ' || ' : joint)} }`));
  const event = fc.record(
    {
      x: fc.oneof(fc.constantFrom(...values), fc.constantFrom(1, 2, 1.5, true, null), fc.record({ y: fc.constantFrom(...values, 1) })),
      y: fc.oneof(fc.constantFrom(...values), fc.constantFrom(1, 2, null)),
    },
    { requiredKeys: [] },
  );

  it('gives the same answer as the AST for every pattern and event (property)', () => {
    fc.assert(
      fc.property(pattern, event, (text, value) => {
        const { ast } = compileJsonPattern(text);
        expect(compileJsonPattern(text).matches(value)).toBe(isJsonObject(value) && compileTest(ast)(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('folds a CIS-style run into one lookup, and leaves wildcards and other operators alone', () => {
    const folded = optimize(compileJsonPattern('{ ($.eventName = A) || ($.eventName = B) || ($.eventName = "C*") || ($.errorCode != "x") }').ast);
    expect(folded).toMatchObject({ kind: 'or', operands: [{ kind: 'oneOf', values: new Set(['A', 'B']) }, { kind: 'equality' }, { kind: 'equality' }] });
  });
});
