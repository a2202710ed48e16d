import { compileJsonPattern, FilterPatternSyntaxError } from '../../lib/filter-pattern';

function syntaxError(pattern: string): FilterPatternSyntaxError {
  try {
    compileJsonPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(pattern)} to be rejected`);
}

describe('patterns outside the grammar are FilterPatternSyntaxError with the column', () => {
  it.each([
    ['', 1, 'empty pattern'],
    ['   ', 4, 'empty pattern'],
    ['{}', 2, 'expected a property selector'],
    ['{ $.a == 1 }', 7, "'==' is not an operator"],
    ['{ $.a EXISTS }', 7, "'EXISTS' is not supported"],
    ['{ $.a IS NOT NULL }', 10, "'IS NOT' is not supported"],
    ['{ $.a IS EMPTY }', 10, 'expected NULL, TRUE or FALSE'],
    ['{ $.a is null }', 7, 'expected an operator'],
    ['{ $.a NOT null }', 11, 'expected EXISTS'],
    ['{ $.a LIKE 1 }', 7, 'expected an operator'],
    ['{ $.a[x] = 1 }', 7, 'non-negative array index'],
    ['{ $.a[-1] = 1 }', 7, 'non-negative array index'],
    ['{ $.a = 1', 10, "expected '&&', '||' or '}'"],
    ['{ ($.a = 1 }', 12, "expected '&&', '||' or ')'"],
    ['{ $.a = 1 ) }', 11, "expected '&&', '||' or '}'"],
    ['{ $.a = 1 } trailing', 13, 'unexpected text after'],
    ['$.a = 1', 1, "expected '{'"],
    ['ERROR', 1, "expected '{'"],
    ['[ip, user]', 1, 'unexpected character'],
    ['{ $.a = }', 9, 'expected a value'],
    ['{ $.a < "5" }', 9, 'expected a number'],
    ['{ $.a > abc }', 9, 'expected a number'],
    ['{ $.a = 1 & $.b = 2 }', 11, "expected '&&'"],
    ['{ $.a = 1 | $.b = 2 }', 11, "expected '||'"],
    ['{ $.a = "unterminated }', 9, 'unterminated quoted string'],
    ['{ $.a = "bad \\n escape" }', 14, 'unsupported escape'],
    ['{ $.a = %abc }', 9, 'unterminated regex'],
    ['{ $ = 1 }', 4, "expected '.'"],
    ['{ $. = 1 }', 5, 'expected a property name'],
    ['{ $.a = a:b }', 10, 'unexpected character'],
    ['{ $.a = 1 && }', 14, 'expected a property selector'],
    ['{ $.a = 1 $.b = 2 }', 11, "expected '&&', '||' or '}'"],
    ['{ $.a[*].b[*] = 1 }', 3, 'at most 1 wildcard'],
    ['{ $.a[*] = 1 || $.b[*] = 1 || $.c.* = 1 || $.d.* = 1 }', 44, 'at most 3 wildcard selectors'],
    ['{ $.a = %a% || $.b = %b% || $.c = %c% }', 35, 'at most 2 regular expressions'],
    ["{ $.['unterminated = 1 }", 6, 'unterminated quoted key'],
    ['{ $.a["key"] = 1 }', 7, 'non-negative array index'],
  ])('%j → column %i (%s)', (pattern, column, reason) => {
    const error = syntaxError(pattern);
    expect(error.name).toBe('FilterPatternSyntaxError');
    expect(error.column).toBe(column);
    expect(error.pattern).toBe(pattern);
    expect(error.reason).toContain(reason);
    expect(error.message).toContain(`column ${column}`);
  });

  it('rejects a pattern over 1,024 characters and accepts one of exactly 1,024', () => {
    const atLimit = `{ $.a = "${'x'.repeat(1024 - 12)}" }`;
    expect(atLimit).toHaveLength(1024);
    expect(() => compileJsonPattern(atLimit)).not.toThrow();
    const error = syntaxError(`{ $.a = "${'x'.repeat(1024 - 11)}" }`);
    expect(error.column).toBe(1025);
    expect(error.reason).toContain('maximum is 1024');
  });

  it.each([
    ['{ $.a = %a(b)% }', 11, "'(' and ')' are not supported"],
    ['{ $.a = %something!% }', 19, "'!' is not supported"],
    ['{ $.a = %*a% }', 10, 'nothing to repeat'],
    ['{ $.a = %a**% }', 12, 'cannot follow another quantifier'],
    ['{ $.a = %[abc% }', 10, 'unterminated character class'],
    ['{ $.a = %a{2,1}% }', 11, 'minimum is larger'],
    ['{ $.a = %a{x}% }', 11, 'expected a repetition'],
    ['{ $.a = %a{5000}% }', 11, 'above 1000'],
    ['{ $.a = %é% }', 10, 'multi-byte'],
    ['{ $.a = %\\q% }', 10, 'unsupported escape'],
    ['{ $.a = %a$b% }', 11, "'$' is only supported at the end"],
    ['{ $.a = %a^b% }', 11, "'^' is only supported at the start"],
    ['{ $.a = %% }', 10, 'empty regex'],
    ['{ $.a = %a!b% }', 11, "'!' is not supported"],
  ])('regex %j → column %i (%s)', (pattern, column, reason) => {
    const error = syntaxError(pattern);
    expect(error.column).toBe(column);
    expect(error.reason).toContain(reason);
  });
});
