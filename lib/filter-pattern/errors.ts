/**
 * Raised for any pattern outside the supported grammar. Never a silent guess:
 * the message says what was expected at the 1-based `column` of `pattern`.
 */
export class FilterPatternSyntaxError extends Error {
  // The minified bundle renames classes; Lambda's errorType reads the constructor's name.
  static {
    Object.defineProperty(FilterPatternSyntaxError, 'name', { value: 'FilterPatternSyntaxError' });
  }
  override readonly name = 'FilterPatternSyntaxError';
  readonly pattern: string;
  readonly column: number;
  /** What was expected (or what is wrong) at `column`, without the location prefix. */
  readonly reason: string;

  constructor(pattern: string, column: number, reason: string, options?: { cause?: unknown }) {
    super(`${reason} at column ${column} of filter pattern ${JSON.stringify(truncate(pattern))}`, options);
    this.pattern = pattern;
    this.column = column;
    this.reason = reason;
  }
}

function truncate(pattern: string): string {
  return pattern.length > 120 ? `${pattern.slice(0, 117)}...` : pattern;
}
