import { compileJsonPattern } from '../../lib/filter-pattern';

const regexMatches = (regex: string, text: string): boolean => compileJsonPattern(`{ $.x = %${regex}% }`).matches({ x: text });

describe("AWS's restricted regex syntax", () => {
  it.each([
    ['AUTHORIZED', '[ERROR 401] UNAUTHORIZED REQUEST', true],
    ['^AUTHORIZED', 'UNAUTHORIZED', false],
    ['^UNAUTH', 'UNAUTHORIZED', true],
    ['IZED$', 'UNAUTHORIZED', true],
    ['IZE$', 'UNAUTHORIZED', false],
    ['^abc$', 'abc', true],
    ['^abc$', 'abcd', false],
    ['gra|ey', 'grey', true],
    ['gra|ey', 'gray', true],
    ['gra|ey', 'groy', false],
    ['[abcx-z]', 'y', true],
    ['[abcx-z]', 'w', false],
    ['[^abc]', 'abc', false],
    ['[^abc]', 'abcd', true],
    ['^a{2}$', 'aa', true],
    ['^a{2}$', 'aaa', false],
    ['^a{1,3}$', 'aaa', true],
    ['^a{1,3}$', 'aaaa', false],
    ['^a{2,}$', 'aaaaaa', true],
    ['^a{,2}$', '', true],
    ['^a{,2}$', 'aaa', false],
    ['^colou?r$', 'color', true],
    ['^colou?r$', 'colour', true],
    ['^a+$', '', false],
    ['^a*$', '', true],
    ['^.$', '\n', false],
    ['10\\.10\\.0\\.1', '10.10.0.1', true],
    ['10\\.10\\.0\\.1', '10a10b0c1', false],
    ['10.10.0.1', '10a10b0c1', true],
    ['^\\d+$', '12345', true],
    ['^\\d+$', '12a45', false],
    ['^\\D+$', 'abc', true],
    ['^\\w+$', 'a_Z9', true],
    ['^\\w+$', 'a-b', false],
    ['^\\W$', '-', true],
    ['^a\\sb$', 'a b', true],
    ['^a\\Sb$', 'a b', false],
    ['\\x3A', 'a:b', true],
    ['\\x28', 'f(x)', true],
    ['^[\\d]+$', '42', true],
    ['^[.]$', 'x', false],
    ['^[a\\-z]$', '-', true],
    ['^a:_#=@/;,-$', 'a:_#=@/;,-', true],
    ['^.{3}$', 'é€😀', true],
  ])('%%%s%% on %j → %s', (regex, text, expected) => {
    expect(regexMatches(regex, text)).toBe(expected);
  });

  it('applies to the text of a number', () => {
    expect(compileJsonPattern('{ $.x = %^4\\d\\d$% }').matches({ x: 404 })).toBe(true);
  });

  it('runs in linear time on a pathological pattern (no ReDoS)', () => {
    // a*a*…a*b against a long run of a's is exponential for backtracking engines.
    const pathological = compileJsonPattern(`{ $.x = %${'a*'.repeat(30)}b% }`);
    const event = { x: 'a'.repeat(20_000) };
    const started = process.hrtime.bigint();
    expect(pathological.matches(event)).toBe(false);
    // Generous bound: a backtracking engine does not finish at all.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000);
  });
});
