import type { SelectorSegment } from './ast';
import { FilterPatternSyntaxError } from './errors';

export const TokenKind = {
  LBrace: '{',
  RBrace: '}',
  LParen: '(',
  RParen: ')',
  And: '&&',
  Or: '||',
  Operator: 'operator',
  Selector: 'selector',
  QuotedString: 'quoted string',
  Word: 'word',
  Regex: 'regex',
  End: 'end of pattern',
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface Token {
  readonly kind: TokenKind;
  /** Operator symbol, unescaped string, word, or regex source (without the `%`s). */
  readonly text: string;
  /** 1-based column of the token's first character. */
  readonly column: number;
  /** Only for selectors. */
  readonly segments?: readonly SelectorSegment[];
}

const isIdentChar = (c: string): boolean => /[A-Za-z0-9_-]/.test(c);
// Unquoted values: alphanumerics plus the punctuation AWS accepts unquoted in practice
// (`s3.amazonaws.com`, `123.123.*`, `+1000`, `1e-3`, `*.8xlarge`).
const isWordChar = (c: string): boolean => /[A-Za-z0-9_.+*-]/.test(c);
/** Blank between tokens, in every kind of pattern. */
export const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Reads the double-quoted text whose opening quote is at index `open`, as every kind of
 * pattern writes one: `\"` and `\\` are its only escapes. `what` names it in errors.
 * @returns the unescaped text and the index just after the closing quote.
 */
export function readQuoted(pattern: string, open: number, what: string, fail: (at: number, reason: string) => never): { text: string; end: number } {
  let text = '';
  let i = open + 1;
  for (;;) {
    const ch = pattern[i];
    if (ch === undefined) fail(open, `unterminated ${what}, expected '"'`);
    if (ch === '"') return { text, end: i + 1 };
    if (ch === '\\') {
      const esc = pattern[i + 1];
      if (esc !== '"' && esc !== '\\') fail(i, `unsupported escape in ${what}; only \\" and \\\\ are supported`);
      text += esc;
      i += 2;
      continue;
    }
    text += ch;
    i++;
  }
}

/** Splits a JSON filter pattern into tokens; every token knows its 1-based column. */
export function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (at: number, reason: string): never => {
    throw new FilterPatternSyntaxError(pattern, at + 1, reason);
  };
  const push = (kind: TokenKind, text: string, start: number, segments?: readonly SelectorSegment[]): void => {
    tokens.push(segments ? { kind, text, column: start + 1, segments } : { kind, text, column: start + 1 });
  };

  while (i < pattern.length) {
    const c = pattern[i] as string;
    const start = i;
    if (isSpace(c)) {
      i++;
      continue;
    }
    switch (c) {
      case '{':
      case '}':
      case '(':
      case ')':
        push(c, c, start);
        i++;
        continue;
      case '&':
      case '|':
        if (pattern[i + 1] !== c) fail(start, `expected '${c}${c}'`);
        push(c === '&' ? TokenKind.And : TokenKind.Or, c + c, start);
        i += 2;
        continue;
      case '=':
        if (pattern[i + 1] === '=') fail(start, "'==' is not an operator; expected '=' or '!='");
        push(TokenKind.Operator, '=', start);
        i++;
        continue;
      case '!':
        if (pattern[i + 1] !== '=') fail(start, "expected '!='");
        push(TokenKind.Operator, '!=', start);
        i += 2;
        continue;
      case '<':
      case '>': {
        const op = pattern[i + 1] === '=' ? `${c}=` : c;
        push(TokenKind.Operator, op, start);
        i += op.length;
        continue;
      }
      case '"': {
        const { text, end } = readQuoted(pattern, start, 'quoted string', fail);
        i = end;
        push(TokenKind.QuotedString, text, start);
        continue;
      }
      case '%': {
        const close = pattern.indexOf('%', i + 1);
        if (close < 0) fail(start, "unterminated regex, expected a closing '%'");
        push(TokenKind.Regex, pattern.slice(i + 1, close), start);
        i = close + 1;
        continue;
      }
      case '$': {
        const { segments, end } = readSelector(pattern, i, fail);
        push(TokenKind.Selector, pattern.slice(start, end), start, segments);
        i = end;
        continue;
      }
      default:
        if (isWordChar(c)) {
          while (i < pattern.length && isWordChar(pattern[i] as string)) i++;
          push(TokenKind.Word, pattern.slice(start, i), start);
          continue;
        }
        fail(start, `unexpected character ${JSON.stringify(c)}; values with punctuation must be in double quotes`);
    }
  }
  push(TokenKind.End, '', pattern.length);
  return tokens;
}

function readSelector(pattern: string, dollar: number, fail: (at: number, reason: string) => never): { segments: SelectorSegment[]; end: number } {
  const segments: SelectorSegment[] = [];
  let i = dollar + 1;
  for (;;) {
    const c = pattern[i];
    if (c === '.') {
      const next = pattern[i + 1];
      if (next === '*') {
        segments.push({ kind: 'wildcard' });
        i += 2;
      } else if (next === '[') {
        i = readBracket(i + 1, true);
      } else if (next !== undefined && isIdentChar(next)) {
        let j = i + 1;
        while (j < pattern.length && isIdentChar(pattern[j] as string)) j++;
        segments.push({ kind: 'key', key: pattern.slice(i + 1, j) });
        i = j;
      } else {
        fail(i + 1, "expected a property name, '*' or \"['key']\" after '.'");
      }
    } else if (c === '[') {
      if (segments.length === 0) fail(i, "expected '.' after '$'; a selector starts with a property");
      i = readBracket(i, false);
    } else {
      break;
    }
  }
  if (segments.length === 0) fail(i, "expected '.' and a property name after '$'");
  return { segments, end: i };

  /** Reads `[n]`, `[*]` or `['key']` starting at the `[`; returns the index after `]`. */
  function readBracket(open: number, afterDot: boolean): number {
    const inner = pattern[open + 1];
    if (inner === "'") {
      const close = pattern.indexOf("'", open + 2);
      if (close < 0) fail(open + 1, 'unterminated quoted key, expected "\'"');
      if (pattern[close + 1] !== ']') fail(close + 1, "expected ']' after the quoted key");
      if (close === open + 2) fail(open + 1, 'empty quoted key');
      segments.push({ kind: 'key', key: pattern.slice(open + 2, close) });
      return close + 2;
    }
    if (afterDot) fail(open + 1, "expected a quoted key such as ['cluster.name'] after '.['");
    if (inner === '*') {
      if (pattern[open + 2] !== ']') fail(open + 2, "expected ']' after '[*'");
      segments.push({ kind: 'wildcard' });
      return open + 3;
    }
    let j = open + 1;
    while (j < pattern.length && /[0-9]/.test(pattern[j] as string)) j++;
    if (j === open + 1 || pattern[j] !== ']') {
      fail(open + 1, "expected a non-negative array index, '*' or a quoted key inside '[]'");
    }
    const index = Number(pattern.slice(open + 1, j));
    if (!Number.isSafeInteger(index)) fail(open + 1, 'array index is too large');
    segments.push({ kind: 'index', index });
    return j + 1;
  }
}
