import { compileJsonPattern } from '../../lib/filter-pattern';

const matches = (pattern: string, event: unknown): boolean => compileJsonPattern(pattern).matches(event);

describe('a comparison on a missing, object or array selector is false, including !=', () => {
  it.each([
    ['missing', {}],
    ['missing parent', { a: 'x' }],
    ['object', { x: { y: 1 } }],
    ['array', { x: ['a'] }],
    ['explicit null', { x: null }],
    ['boolean true', { x: true }],
    ['boolean false', { x: false }],
  ])('%s: neither = nor != nor < matches', (_label, event) => {
    for (const pattern of ['{ $.x = "a" }', '{ $.x != "a" }', '{ $.x = * }', '{ $.x = %a% }', '{ $.x != 1 }', '{ $.x < 1 }', '{ $.x >= 1 }']) {
      expect(matches(pattern, event)).toBe(false);
    }
  });

  it.each([
    [{}, true],
    [{ x: null }, false],
    [{ x: {} }, false],
    [{ x: [] }, false],
    [{ x: '' }, false],
    [{ a: 'scalar' }, true],
  ])('NOT EXISTS is the only test for absence: $.x NOT EXISTS on %j → %s', (event, expected) => {
    expect(matches('{ $.x NOT EXISTS }', event)).toBe(expected);
  });

  it('a path through a scalar does not exist', () => {
    expect(matches('{ $.a.b NOT EXISTS }', { a: 'text' })).toBe(true);
    expect(matches('{ $.a.b != "x" }', { a: 'text' })).toBe(false);
  });
});

describe('IS NULL, IS TRUE, IS FALSE test JSON types, never strings', () => {
  it.each([
    ['{ $.x IS NULL }', { x: null }, true],
    ['{ $.x IS NULL }', {}, false],
    ['{ $.x IS NULL }', { x: 'null' }, false],
    ['{ $.x IS NULL }', { x: 0 }, false],
    ['{ $.x IS TRUE }', { x: true }, true],
    ['{ $.x IS TRUE }', { x: 'true' }, false],
    ['{ $.x IS TRUE }', { x: 1 }, false],
    ['{ $.x IS FALSE }', { x: false }, true],
    ['{ $.x IS FALSE }', { x: 'false' }, false],
    ['{ $.x IS FALSE }', {}, false],
    ['{ $.x = "true" }', { x: true }, false],
    ['{ $.x = true }', { x: 'true' }, true],
  ])('%s on %j → %s', (pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });
});

describe('strings, wildcards and case', () => {
  it.each([
    ['{ $.x = "Root" }', { x: 'root' }, false],
    ['{ $.X = "Root" }', { x: 'Root' }, false],
    ['{ $.x = Root }', { x: 'Root' }, true],
    ['{ $.x = "Root" }', { x: 'Root ' }, false],
    ['{ $.x = "Ro" }', { x: 'Root' }, false],
    ['{ $.x = *Event }', { x: 'PutEvent' }, true],
    ['{ $.x = *Event }', { x: 'EventPut' }, false],
    ['{ $.x = Event* }', { x: 'EventName' }, true],
    ['{ $.x = *vent* }', { x: 'EventName' }, true],
    ['{ $.x = Ev*ent }', { x: 'Ev*ent' }, true],
    ['{ $.x = Ev*ent }', { x: 'Event' }, false],
    ['{ $.x = Ev*ent }', { x: 'EvXent' }, false],
    ['{ $.x = * }', { x: '' }, true],
    ['{ $.x = "*" }', { x: 'anything' }, true],
    ['{ $.x != * }', { x: 'anything' }, false],
    ['{ $.x = "a \\"quoted\\" \\\\ value" }', { x: 'a "quoted" \\ value' }, true],
    ['{ $.x = "with space" }', { x: 'with space' }, true],
    ['{ $.x = "ünïcödé" }', { x: 'ünïcödé' }, true],
    ['{ $.x = "" }', { x: '' }, true],
    ['{ $.x != "" }', { x: 'a' }, true],
  ])('%s on %j → %s', (pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });
});

describe('numbers against strings and numbers', () => {
  it.each([
    ['{ $.x = 1.08 }', { x: '1.08' }, true],
    ['{ $.x = 1.08 }', { x: 1.08 }, true],
    ['{ $.x = 1.0 }', { x: 1 }, true],
    ['{ $.x = 1.0 }', { x: '1' }, false],
    ['{ $.x = 1e3 }', { x: 1000 }, true],
    ['{ $.x = "400" }', { x: 400 }, true],
    ['{ $.x = 4* }', { x: 400 }, true],
    ['{ $.x > 5 }', { x: '6' }, false],
    ['{ $.x < 5 }', { x: '4' }, false],
    ['{ $.x > -5 }', { x: -4 }, true],
    ['{ $.x >= 0.5 }', { x: 0.5 }, true],
  ])('%s on %j → %s', (pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });
});

describe('own properties only', () => {
  it.each([
    ['{ $.constructor NOT EXISTS }', {}, true],
    ['{ $.constructor = * }', {}, false],
    ['{ $.toString NOT EXISTS }', {}, true],
    ['{ $.__proto__ NOT EXISTS }', {}, true],
    ['{ $.a.length NOT EXISTS }', { a: [1, 2] }, true],
    ['{ $.a.length NOT EXISTS }', { a: 'abc' }, true],
    ['{ $.hasOwnProperty NOT EXISTS }', {}, true],
  ])('%s on %j → %s', (pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it('a JSON key named __proto__ is an ordinary field', () => {
    const event = JSON.parse('{"__proto__":{"polluted":"yes"}}');
    expect(matches('{ $.__proto__.polluted = "yes" }', event)).toBe(true);
    expect(matches('{ $.polluted NOT EXISTS }', event)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a JSON key named constructor is an ordinary field', () => {
    expect(matches('{ $.constructor = "x" }', JSON.parse('{"constructor":"x"}'))).toBe(true);
  });
});

describe('a root that is not an object never matches', () => {
  it.each([[null], [undefined], ['{"x":1}'], [1], [true], [[{ x: 'a' }]]])('%j', (root) => {
    expect(matches('{ $.x NOT EXISTS }', root)).toBe(false);
    expect(matches('{ $.x != "b" }', root)).toBe(false);
  });
});

describe('selectors', () => {
  const event = {
    a: [{ b: 'x' }, { b: 'y' }],
    'dotted.key': { inner: 'v' },
    'has-hyphen_underscore': 1,
    matrix: [
      [1, 2],
      [3, 4],
    ],
    obj: { p: 'q', r: 's' },
  };
  it.each([
    ['{ $.a[1].b = "y" }', true],
    ['{ $.a[2].b NOT EXISTS }', true],
    ['{ $.a[*].b = "y" }', true],
    ['{ $.a[*].b = "z" }', false],
    ['{ $.a[*].b != "x" }', true],
    ['{ $.obj.* = "s" }', true],
    ['{ $.obj[*] = "s" }', true],
    ['{ $.a.*.b = "x" }', true],
    ['{ $.matrix[1][0] = 3 }', true],
    ['{ $.matrix[*][1] = 4 }', true],
    ["{ $.['dotted.key'].inner = v }", true],
    ["{ $['dotted.key'].inner = v } ".replace('$[', '$.['), true],
    ['{ $.dotted.key.inner = v }', false],
    ['{ $.has-hyphen_underscore = 1 }', true],
    ['{ $.missing[*] NOT EXISTS }', true],
    ['{ $.a[*].c NOT EXISTS }', true],
    ['{ $.a[*].b NOT EXISTS }', false],
    ['{ $.a[*] IS NULL }', false],
    ['{ $.obj.p IS NULL }', false],
  ])('%s → %s', (pattern, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });
});

describe('operators and precedence', () => {
  it.each([
    ['{ $.a = 1 || $.b = 1 && $.c = 1 }', { a: 1 }, true],
    ['{ ($.a = 1 || $.b = 1) && $.c = 1 }', { a: 1 }, false],
    ['{ $.a = 1 && $.b = 1 || $.c = 1 }', { c: 1 }, true],
    ['{ (($.a = 1)) }', { a: 1 }, true],
    ['{$.a=1&&$.b=2}', { a: 1, b: 2 }, true],
    ['  {\n $.a = 1\n}  ', { a: 1 }, true],
  ])('%s on %j → %s', (pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });
});
