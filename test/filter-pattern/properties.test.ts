import fc from 'fast-check';
import { compileJsonPattern } from '../../lib/filter-pattern';

const quote = (text: string): string => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const key = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const scalar = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
const literal = fc.oneof(fc.string().map(quote), fc.integer().map(String), fc.stringMatching(/^[A-Za-z0-9_]{1,10}\*?$/));

describe('filter-pattern properties', () => {
  it('for a present string or number, exactly one of = and != holds', () => {
    fc.assert(
      fc.property(key, scalar, literal, (k, value, lit) => {
        const event = { [k]: value };
        const eq = compileJsonPattern(`{ $.${k} = ${lit} }`).matches(event);
        const ne = compileJsonPattern(`{ $.${k} != ${lit} }`).matches(event);
        return eq !== ne;
      }),
    );
  });

  it('for a missing field neither = nor != holds, and NOT EXISTS does', () => {
    fc.assert(
      fc.property(key, key, scalar, literal, (k, other, value, lit) => {
        fc.pre(k !== other);
        const event = { [other]: value };
        return (
          !compileJsonPattern(`{ $.${k} = ${lit} }`).matches(event) &&
          !compileJsonPattern(`{ $.${k} != ${lit} }`).matches(event) &&
          compileJsonPattern(`{ $.${k} NOT EXISTS }`).matches(event)
        );
      }),
    );
  });

  it('a quoted string always equals itself, whatever it contains', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.startsWith('*') && !text.endsWith('*'));
        return compileJsonPattern(`{ $.v = ${quote(text)} }`).matches({ v: text });
      }),
    );
  });

  it('compiling never throws anything but FilterPatternSyntaxError', () => {
    const pieces = fc.constantFrom(
      '{',
      '}',
      '(',
      ')',
      '$.a',
      '$.b[0]',
      '$.c[*]',
      '=',
      '!=',
      '<',
      '>=',
      '&&',
      '||',
      '"x"',
      '1e3',
      '*',
      '%a.b%',
      'IS',
      'NULL',
      'NOT',
      'EXISTS',
      ' ',
      '[',
      ']',
      '.',
      '%',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        try {
          compileJsonPattern(parts.join(''));
        } catch (error) {
          return (error as Error).name === 'FilterPatternSyntaxError';
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
