import { compileMessagePattern, FilterPatternSyntaxError } from '../../lib/filter-pattern';

/** The documented examples of standalone regex patterns. @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html */
describe('patterns applied to raw messages (matchesMessage)', () => {
  it.each([
    ['%AUTHORIZED%', '[ERROR 401] UNAUTHORIZED REQUEST', true],
    ['%AUTHORIZED%', '[SUCCESS 200] AUTHORIZED REQUEST', true],
    ['%AUTHORIZED%', '[SUCCESS 200] authorized request', false],
    ['%^\\[ERROR%', '[ERROR 401] UNAUTHORIZED REQUEST', true],
    ['%^\\[ERROR%', 'x [ERROR 401]', false],
    ['  %4\\d\\d%  ', 'status=404', true],
  ])('the standalone regex %s on %j → %s', (pattern, message, expected) => {
    const compiled = compileMessagePattern(pattern);
    expect(compiled.kind).toBe('regex');
    expect(compiled.matchesMessage(message)).toBe(expected);
  });

  it.each([
    ['{"eventName":"ConsoleLogin"}', true],
    ['{"eventName":"GetObject"}', false],
    ['ConsoleLogin', false],
    ['{not json', false],
  ])('a JSON pattern on %j → %s (a message that is not JSON never matches)', (message, expected) => {
    const compiled = compileMessagePattern('{ $.eventName = "ConsoleLogin" }');
    expect(compiled.kind).toBe('json');
    expect(compiled.matchesMessage(message)).toBe(expected);
  });

  it.each([
    ['ERROR', 1],
    ['[ip, user]', 1],
    ['%(a)%', 2],
  ])('refuses %s for now, with a column', (pattern, column) => {
    expect(() => compileMessagePattern(pattern)).toThrow(expect.objectContaining({ name: 'FilterPatternSyntaxError', column }));
    expect(() => compileMessagePattern(pattern)).toThrow(FilterPatternSyntaxError);
  });
});
