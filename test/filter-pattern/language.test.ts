import fc from 'fast-check';
import { compileFilterPattern, compileMetricFilter, FilterPatternSyntaxError, MetricValueError, PatternKind, patternKind } from '../../lib/filter-pattern';
import { containsTerm } from '../../lib/filter-pattern/terms';

// Every documented example of the unstructured, regex and space-delimited languages, each
// row with the page it comes from. JSON patterns' examples are in documented-examples.test.ts.
const SYNTAX = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html';
const UNSTRUCTURED = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/matching-terms-unstructured-log-events.html';
const JSON_PAGE = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/matching-terms-json-log-events.html';
// The user guide's source as last published on GitHub (2023), with the space-delimited section.
const ARCHIVED =
  'https://github.com/awsdocs/amazon-cloudwatch-logs-user-guide/blob/26c12c3d66ecf7465037ca77e8a0ef963b069d1e/doc_source/FilterAndPatternSyntax.md';
const ARCHIVED_ISSUE = 'https://github.com/awsdocs/amazon-cloudwatch-logs-user-guide/issues/21';
const LIGHTSAIL = 'https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/API_GetContainerLog.html';

const E400 = '[ERROR 400] BAD REQUEST';
const E401 = '[ERROR 401] UNAUTHORIZED REQUEST';
const E419 = '[ERROR 419] MISSING ARGUMENTS';
const E420 = '[ERROR 420] INVALID ARGUMENTS';
const E500 = '[ERROR 500] INTERNAL SERVER ERROR';
const OK200 = '[SUCCESS 200] AUTHORIZED REQUEST';
const APACHE = '127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';

describe.each([
  // kind, pattern, message, expected, source
  ['terms', 'ERROR', E400, true, UNSTRUCTURED],
  ['terms', 'ERROR', E401, true, UNSTRUCTURED],
  ['terms', 'ERROR', E419, true, UNSTRUCTURED],
  ['terms', 'ERROR', E420, true, UNSTRUCTURED],
  ['terms', 'ERROR ARGUMENTS', E419, true, UNSTRUCTURED],
  ['terms', 'ERROR ARGUMENTS', E420, true, UNSTRUCTURED],
  ['terms', 'ERROR ARGUMENTS', E400, false, UNSTRUCTURED],
  ['terms', 'ERROR ARGUMENTS', E401, false, UNSTRUCTURED],
  ['terms', '?ERROR ?ARGUMENTS', E400, true, UNSTRUCTURED],
  ['terms', '?ERROR ?ARGUMENTS', E401, true, UNSTRUCTURED],
  ['terms', '?ERROR ?ARGUMENTS', E419, true, UNSTRUCTURED],
  ['terms', '?ERROR ?ARGUMENTS', E420, true, UNSTRUCTURED],
  ['terms', '"INTERNAL SERVER ERROR"', E500, true, UNSTRUCTURED],
  ['terms', '"INTERNAL SERVER ERROR"', E400, false, UNSTRUCTURED],
  ['terms', 'ERROR -ARGUMENTS', E400, true, UNSTRUCTURED],
  ['terms', 'ERROR -ARGUMENTS', E401, true, UNSTRUCTURED],
  ['terms', 'ERROR -ARGUMENTS', E419, false, UNSTRUCTURED],
  ['terms', 'ERROR -ARGUMENTS', E420, false, UNSTRUCTURED],
  ['terms', '" "', E400, true, UNSTRUCTURED],
  ['terms', '" "', 'anything at all', true, UNSTRUCTURED],
  ['terms', '""', 'anything at all', true, LIGHTSAIL],
  ['terms', '-ERROR', E400, false, LIGHTSAIL],
  ['terms', '-ERROR', OK200, true, LIGHTSAIL],
  ['terms', 'ERROR Exception', 'ERROR java.lang.Exception: boom', true, LIGHTSAIL],
  ['terms', 'ERROR Exception', 'ERROR boom', false, LIGHTSAIL],
  ['terms', '?ERROR ?Exception', 'java.lang.Exception: boom', true, LIGHTSAIL],
  ['terms', '?ERROR ?Exception', 'INFO fine', false, LIGHTSAIL],
  ['regex', '%AUTHORIZED%', E401, true, SYNTAX],
  ['regex', '%AUTHORIZED%', OK200, true, SYNTAX],
  ['regex', '%AUTHORIZED%', E400, false, SYNTAX],
  ['regex', '%gra|ey%', 'gray', true, SYNTAX],
  ['regex', '%gra|ey%', 'grey', true, SYNTAX],
  ['regex', '%10\\.10\\.0\\.1%', 'from 10.10.0.1 now', true, SYNTAX],
  ['regex', '%10\\.10\\.0\\.1%', 'from 10a10b0c1 now', false, SYNTAX],
  ['regex', '%\\x3A%', 'a:b', true, SYNTAX],
  ['regex', '%\\x28%', 'f(x)', true, SYNTAX],
  ['regex', '%[abcx-z]%', 'y', true, SYNTAX],
  ['regex', '%[abcx-z]%', 'd', false, SYNTAX],
  ['regex', '%\\w%', '_', true, SYNTAX],
  ['regex', '%ab{2,3}%', 'abb', true, SYNTAX],
  ['regex', '%^ab{2,3}$%', 'abbbb', false, SYNTAX],
  ['space-delimited', '[ip, user, username, timestamp, request =*.html*, status_code = 4*, bytes]', APACHE, true, ARCHIVED],
  ['space-delimited', '[..., request =*.html*, status_code = 4*, bytes]', APACHE, true, ARCHIVED],
  ['space-delimited', '[ip, user, username, timestamp, request =*.html*, status_code = 404 || status_code = 410, bytes]', APACHE, true, ARCHIVED],
  ['space-delimited', '[ip, server, username, timestamp, request, status_code, bytes > 1000]', APACHE, true, ARCHIVED],
  ['space-delimited', '[ip, user, username, timestamp, request =*.php*, status_code = 4*, bytes]', APACHE, false, ARCHIVED],
  ['space-delimited', '[ip, user, username, timestamp, request, status_code = 5*, bytes]', APACHE, false, ARCHIVED],
  ['space-delimited', '[w1=ERROR, w2]', 'ERROR Something went wrong', true, ARCHIVED],
  ['space-delimited', '[w1=ERROR, w2]', 'WARNING Something went wrong', false, ARCHIVED],
  ['space-delimited', '[w1=ERROR || W1=WARNING, w2]', 'WARNING Something went wrong', true, ARCHIVED],
  ['space-delimited', '[w1=ERROR || W1=WARNING, w2]', 'INFO Something went wrong', false, ARCHIVED],
  ['space-delimited', '[w1!=ERROR && w1!=WARNING, w2]', 'INFO Something went wrong', true, ARCHIVED],
  ['space-delimited', '[w1!=ERROR && w1!=WARNING, w2]', 'ERROR Something went wrong', false, ARCHIVED],
] as const)('documented: %s %s on %j', (kind, pattern, message, expected, source) => {
  it(`is a ${kind} pattern, and ${expected ? 'matches' : 'does not match'} (${source})`, () => {
    const compiled = compileFilterPattern(pattern);
    expect(compiled.kind).toBe(kind);
    expect(compiled.matchesMessage(message)).toBe(expected);
  });
});

describe('documented metric values', () => {
  it.each([
    ['{ $.latency = * }', '$.latency', '{"latency": 50, "requestType": "GET"}', 50, JSON_PAGE],
    ['[ip, user, username, timestamp, request, status_code, bytes]', '$bytes', APACHE, 1534, ARCHIVED],
    ['[ip, user, username, timestamp, request, status_code, bytes]', '$status_code', APACHE, 404, ARCHIVED],
    ['ERROR', 1, E400, 1, SYNTAX],
  ] as const)('%s with metric value %s publishes %s (%s)', (filterPattern, metricValue, message, expected, _source) => {
    expect(compileMetricFilter({ filterPattern, metricValue }).valueForMessage(message)).toBe(expected);
  });

  it('publishes the default value for a message that does not match, and nothing without one', () => {
    expect(compileMetricFilter({ filterPattern: 'ERROR', metricValue: 1, defaultValue: 0 }).valueForMessage(OK200)).toBe(0);
    expect(compileMetricFilter({ filterPattern: 'ERROR', metricValue: 1 }).valueForMessage(OK200)).toBeUndefined();
  });

  it('publishes nothing for a match whose field is not a number', () => {
    const filter = compileMetricFilter({ filterPattern: '[ip, user, rest]', metricValue: '$user' });
    expect(filter.valueForMessage(APACHE)).toBeUndefined();
    expect(filter.filter.matchesMessage(APACHE)).toBe(true);
  });

  it.each([
    ['ERROR', '$.latency', 'a $.field value needs a JSON filter pattern'],
    ['{ $.a = 1 }', '$bytes', 'a $name value needs a space-delimited filter pattern'],
    ['[ip, bytes]', '$size', 'the pattern has no field named size'],
    ['[ip, bytes]', 'lots', 'expected a number'],
  ])('refuses %s with metric value %s: %s', (filterPattern, metricValue, reason) => {
    expect(() => compileMetricFilter({ filterPattern, metricValue })).toThrow(MetricValueError);
    expect(() => compileMetricFilter({ filterPattern, metricValue })).toThrow(reason);
  });
});

describe('choices where AWS is silent (see the README)', () => {
  it.each([
    // A term is a whole term: it may not continue into a letter or digit on either side.
    ['ERROR', 'ERRORS happened', false],
    ['ERROR', 'MYERROR', false],
    ['ERROR', 'code=ERROR;', true],
    ['ERROR', 'ERROR_CODE', true],
    ['"[ERROR"', 'x[ERROR 1', true],
    ['"[ERROR"', 'x[ERRORS', false],
    // Terms are case-sensitive (documented).
    ['ERROR', 'error', false],
    // `?` opens a group that takes the plain terms after it (AWS CDK's anyTermGroup).
    ['?"ERROR" "MainThread" ?"WARN" "Deadlock"', 'ERROR in MainThread', true],
    ['?"ERROR" "MainThread" ?"WARN" "Deadlock"', 'WARN Deadlock found', true],
    ['?"ERROR" "MainThread" ?"WARN" "Deadlock"', 'ERROR Deadlock', false],
    // Terms before the first `?` are required in every case.
    ['prod ?ERROR ?WARN', 'prod WARN', true],
    ['prod ?ERROR ?WARN', 'dev WARN', false],
    ['prod ?ERROR ?WARN', 'prod INFO', false],
    ['"say \\"hi\\""', 'they say "hi" daily', true],
    ['   ', 'anything', true],
  ])('terms %s on %j → %s', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern).matchesMessage(message)).toBe(expected);
  });

  it.each([
    // Without `...`, the last field takes the rest of the message.
    ['[w1, w2]', 'a b c', true],
    ['[w1, w2 = "b c"]', 'a b c', true],
    ['[w1, w2 = b]', 'a b c', false],
    // Too few fields: no match.
    ['[a, b, c]', 'x y', false],
    // Runs of spaces separate one field; quotes and brackets hold spaces and are not part of the value.
    ['[a, b = x, c]', 'p   x  q', true],
    ['[a = "GET /", b]', '"GET /" 200', true],
    ['[a = "10/Oct", b]', '[10/Oct] 200', true],
    // `...` in the middle: fields before it from the start, after it from the end.
    ['[ip, ..., status = 404, bytes]', APACHE, true],
    ['[ip = 127.0.0.1, ..., bytes]', APACHE, true],
    // A number equals the same number written differently; `<` and `>` need a number.
    ['[a = 404, b]', '404.0 x', true],
    ['[a > 1, b]', 'ten x', false],
    ['[a != 404, b]', 'ten x', true],
    ['[a = %^4[0-9]{2}$%, b]', '404 x', true],
    // A regex may hold a literal space, as AWS's own examples do.
    ['[a, b = %Not Found%]', '404 Not Found here', true],
    ['[a <= 5, b]', '5 x', true],
    ['[a < 5, b]', '5 x', false],
    ['[a >= 5, b]', '5 x', true],
    ['[a = 5 && a != 6, b]', '5 x', true],
    ['[a = "quoted", b]', 'quoted x', true],
    ['[a = x*, ..., c]', 'xy', false],
    ['[..., c = 2]', '1 2', true],
  ])('space-delimited %s on %j → %s', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern).matchesMessage(message)).toBe(expected);
  });

  it('a standalone regex may hold a literal space', () => {
    expect(compileFilterPattern('%INTERNAL SERVER%').matchesMessage(E500)).toBe(true);
  });

  it('a JSON pattern never matches a message that is not JSON', () => {
    expect(compileFilterPattern('{ $.a NOT EXISTS }').matchesMessage('not json')).toBe(false);
    expect(compileFilterPattern('{ $.a NOT EXISTS }').matchesMessage('{"b":1}')).toBe(true);
  });

  it.each([
    ['{ $.a = 1 }', PatternKind.Json],
    ['  [a, b]', PatternKind.SpaceDelimited],
    ['%a%', PatternKind.Regex],
    ['ERROR', PatternKind.Terms],
    ['%a% ERROR', PatternKind.Terms],
    ['', PatternKind.Terms],
  ])('%j is a %s pattern', (pattern, kind) => {
    expect(patternKind(pattern)).toBe(kind);
  });
});

describe('syntax errors give the column and the reason', () => {
  it.each([
    ['"unterminated', 1, 'unterminated quoted term'],
    ['ERROR ?', 7, "expected a term right after '?'"],
    ['ERROR "a"b', 10, "expected a space after the closing '\"'"],
    ['ab"c', 3, 'must be quoted as a whole'],
    ['"a\\q"', 3, 'unsupported escape'],
    ['%a!b%', 3, "'!' is not supported"],
    ['[a, a]', 5, 'field a is named twice'],
    ['[a = ]', 6, 'expected a value'],
    ['[..., x, ...]', 10, "'...' may appear only once"],
    ['[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]', 62, 'a condition may only test its own field'],
    ['[a, b] c', 8, "unexpected text after the closing ']'"],
    ['[a b]', 4, "expected ',' or ']'"],
    ['[a > x]', 6, "expected a number after '>'"],
    ['[a = %x%, b = %y%, c = %z%]', 24, 'at most 2 regular expressions'],
    ['[a, $b]', 5, 'expected a field name'],
    ['[a', 3, "expected ',' or ']'"],
    ['[a & b]', 4, "expected '&&'"],
    ['[a ! b]', 4, "expected '!='"],
    ['[a == b]', 4, "'==' is not an operator"],
    ['[a = "x]', 6, 'unterminated quoted string'],
    ['[a = "x\\q"]', 8, 'unsupported escape'],
    ['[a = %x]', 6, 'unterminated regex'],
    ['[a = %x!%]', 8, "'!' is not supported"],
    ['[a = 1 || a b]', 13, 'expected an operator'],
    ['[a = 1 && b = 2]', 11, 'expected the field name a'],
  ])('%j → column %i (%s)', (pattern, column, reason) => {
    let caught: unknown;
    try {
      compileFilterPattern(pattern);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FilterPatternSyntaxError);
    expect(caught).toMatchObject({ column, pattern });
    expect((caught as Error).message).toContain(reason);
  });

  it(`rejects AWS's own example that the console reports as invalid (${ARCHIVED_ISSUE})`, () => {
    expect(() => compileFilterPattern('[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]')).toThrow(FilterPatternSyntaxError);
  });
});

describe('term matching agrees with a RegExp oracle', () => {
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  it('containsTerm(m, t) is a match of t not touching a letter or digit on an alphanumeric edge', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '1', ' ', '-', '[', '_', '.');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), fc.string({ unit: alphabet, minLength: 1, maxLength: 3 }), (message, term) => {
        const before = /[A-Za-z0-9]/.test(term[0] as string) ? '(?<![A-Za-z0-9])' : '';
        const after = /[A-Za-z0-9]/.test(term[term.length - 1] as string) ? '(?![A-Za-z0-9])' : '';
        return containsTerm(message, term) === new RegExp(`${before}${escapeRegExp(term)}${after}`).test(message);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('limits and edges of the language', () => {
  it('refuses a pattern over 1,024 characters of any kind, at the first character over', () => {
    expect(() => compileFilterPattern(`"${'a'.repeat(1030)}"`)).toThrow(expect.objectContaining({ name: 'FilterPatternSyntaxError', column: 1025 }));
  });

  it('takes ?-term as an alternative that must not contain the term', () => {
    const pattern = compileFilterPattern('?-DEBUG ?ERROR');
    expect(pattern.matchesMessage('INFO started')).toBe(true);
    expect(pattern.matchesMessage('DEBUG noise')).toBe(false);
    expect(pattern.matchesMessage('DEBUG ERROR')).toBe(true);
  });

  it.each([
    ['{ $.n = * }', '$.n', '{"n": 1e400}', undefined],
    ['{ $.n = * }', '$.n', '{"n": "1e400"}', undefined],
    ['{ $.n = * }', '$.n', '{"n": " 7 "}', 7],
    ['{ $.n = * }', '$.n', '{"n": true}', undefined],
    ['[a, b]', '$b', 'x 12.5', 12.5],
  ])('%s with metric value %s publishes %j for %s', (filterPattern, metricValue, message, expected) => {
    expect(compileMetricFilter({ filterPattern, metricValue }).valueForMessage(message)).toBe(expected);
  });

  it('refuses a $.field value that is not one plain selector', () => {
    expect(() => compileMetricFilter({ filterPattern: '{ $.a = 1 }', metricValue: '$.a[*]' })).toThrow(MetricValueError);
  });
});
