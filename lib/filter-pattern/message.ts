import { compileFilterPattern } from './compile';
import { FilterPatternSyntaxError } from './errors';
import { compileRegex, RegexSyntaxError } from './regex';

/** The kinds of filter pattern CloudWatch Logs documents; `terms` and `space-delimited` are not supported yet. */
export const PatternKind = { Json: 'json', Regex: 'regex' } as const;
export type PatternKind = (typeof PatternKind)[keyof typeof PatternKind];

/** A pattern applied to a log event's raw message text, as CloudWatch Logs applies it. */
export interface MessagePattern {
  readonly pattern: string;
  readonly kind: PatternKind;
  matchesMessage(text: string): boolean;
}

/**
 * Compiles a filter pattern for raw messages:
 * - a JSON pattern (`{ … }`) matches a message that is a JSON object satisfying it, and
 *   never a message that is not JSON;
 * - a standalone regex (`%…%`) matches a message containing a match anywhere (unanchored
 *   unless `^`/`$` are used), as `%AUTHORIZED%` matches `[SUCCESS 200] AUTHORIZED REQUEST`.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * @throws FilterPatternSyntaxError with the column; for term and space-delimited patterns,
 *   which are not supported yet, at column 1.
 */
export function compileMessagePattern(pattern: string): MessagePattern {
  const text = pattern.trim();
  if (text.startsWith('{')) {
    const compiled = compileFilterPattern(pattern);
    return Object.freeze({
      pattern,
      kind: PatternKind.Json,
      matchesMessage: (message: string) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(message);
        } catch {
          return false;
        }
        return compiled.matches(parsed);
      },
    });
  }
  if (text.length >= 2 && text.startsWith('%') && text.endsWith('%')) {
    const offset = pattern.indexOf('%') + 1;
    try {
      const test = compileRegex(text.slice(1, -1));
      return Object.freeze({ pattern, kind: PatternKind.Regex, matchesMessage: (message: string) => test(message) });
    } catch (error) {
      if (!(error instanceof RegexSyntaxError)) throw error;
      throw new FilterPatternSyntaxError(pattern, offset + 1 + error.offset, error.reason, { cause: error });
    }
  }
  throw new FilterPatternSyntaxError(pattern, 1, 'term and space-delimited patterns are not supported yet; expected a JSON pattern { … } or a regex %…%');
}
