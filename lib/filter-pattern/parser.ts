import { EqualityOperator, IsKeyword, type Node, type NumberValue, type RelationalOperator, type Selector, type TextValue, type Value } from './ast';
import { MAX_PATTERN_LENGTH, MAX_REGEX_PER_PATTERN, MAX_WILDCARDS_PER_PATTERN, MAX_WILDCARDS_PER_SELECTOR, patternLength } from './constants';
import { FilterPatternSyntaxError } from './errors';
import { type Token, TokenKind, tokenize } from './lexer';
import { compileRegex, RegexSyntaxError } from './regex';

/** AWS's number syntax: optional sign, integer or decimal, optional exponent (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html). */
export const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const IS_KEYWORDS: ReadonlySet<string> = new Set(Object.values(IsKeyword));

/**
 * Parses a JSON filter pattern `{ ... }` into its AST.
 * @throws FilterPatternSyntaxError for anything outside the supported grammar.
 */
export function parse(pattern: string): Node {
  const length = patternLength(pattern);
  if (length > MAX_PATTERN_LENGTH) {
    throw new FilterPatternSyntaxError(pattern, MAX_PATTERN_LENGTH + 1, `pattern is ${length} characters; the maximum is ${MAX_PATTERN_LENGTH}`);
  }
  return new Parser(pattern, tokenize(pattern)).parsePattern();
}

class Parser {
  private pos = 0;
  private regexCount = 0;
  private wildcardCount = 0;

  constructor(
    private readonly pattern: string,
    private readonly tokens: readonly Token[],
  ) {}

  parsePattern(): Node {
    const first = this.peek();
    if (first.kind === TokenKind.End) this.fail(first, "empty pattern; expected '{'");
    this.expect(TokenKind.LBrace, 'expected \'{\': only JSON filter patterns such as { $.field = "value" } are supported');
    const node = this.parseOr();
    this.expect(TokenKind.RBrace, "expected '&&', '||' or '}'");
    const rest = this.peek();
    if (rest.kind !== TokenKind.End) this.fail(rest, "unexpected text after the closing '}'");
    return node;
  }

  private parseOr(): Node {
    const operands = [this.parseAnd()];
    while (this.peek().kind === TokenKind.Or) {
      this.pos++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? (operands[0] as Node) : { kind: 'or', operands };
  }

  private parseAnd(): Node {
    const operands = [this.parsePrimary()];
    while (this.peek().kind === TokenKind.And) {
      this.pos++;
      operands.push(this.parsePrimary());
    }
    return operands.length === 1 ? (operands[0] as Node) : { kind: 'and', operands };
  }

  private parsePrimary(): Node {
    const token = this.next();
    if (token.kind === TokenKind.LParen) {
      const inner = this.parseOr();
      this.expect(TokenKind.RParen, "expected '&&', '||' or ')'");
      return inner;
    }
    if (token.kind !== TokenKind.Selector) {
      this.fail(token, "expected a property selector such as $.eventName, or '('");
    }
    const selector = this.selector(token);
    const op = this.next();
    if (op.kind === TokenKind.Word && op.text === 'IS') {
      const keyword = this.next();
      if (keyword.kind === TokenKind.Word && keyword.text === 'NOT') {
        this.fail(keyword, "'IS NOT' is not supported; use NOT EXISTS, or != on a value");
      }
      if (keyword.kind !== TokenKind.Word || !IS_KEYWORDS.has(keyword.text)) {
        this.fail(keyword, "expected NULL, TRUE or FALSE after 'IS'");
      }
      return { kind: 'is', selector, keyword: keyword.text as IsKeyword };
    }
    if (op.kind === TokenKind.Word && op.text === 'NOT') {
      const keyword = this.next();
      if (keyword.kind !== TokenKind.Word || keyword.text !== 'EXISTS') this.fail(keyword, "expected EXISTS after 'NOT'");
      return { kind: 'notExists', selector };
    }
    if (op.kind === TokenKind.Word && op.text === 'EXISTS') {
      this.fail(op, "'EXISTS' is not supported; use '= *' to test that a field exists");
    }
    if (op.kind !== TokenKind.Operator) {
      this.fail(op, "expected an operator (=, !=, <, <=, >, >=), 'IS' or 'NOT EXISTS'");
    }
    if (op.text === EqualityOperator.Eq || op.text === EqualityOperator.Ne) {
      return { kind: 'equality', selector, operator: op.text, value: this.value() };
    }
    const operand = this.next();
    const number = operand.kind === TokenKind.Word ? numberValue(operand.text) : undefined;
    if (!number) this.fail(operand, `expected a number after '${op.text}'`);
    return { kind: 'relational', selector, operator: op.text as RelationalOperator, value: number };
  }

  private selector(token: Token): Selector {
    const segments = token.segments ?? [];
    const wildcards = segments.filter((s) => s.kind === 'wildcard').length;
    if (wildcards > MAX_WILDCARDS_PER_SELECTOR) {
      this.fail(token, `a property selector may contain at most ${MAX_WILDCARDS_PER_SELECTOR} wildcard`);
    }
    this.wildcardCount += wildcards;
    if (this.wildcardCount > MAX_WILDCARDS_PER_PATTERN) {
      this.fail(token, `a pattern may contain at most ${MAX_WILDCARDS_PER_PATTERN} wildcard selectors`);
    }
    return { text: token.text, segments, hasWildcard: wildcards > 0 };
  }

  private value(): Value {
    const token = this.next();
    switch (token.kind) {
      case TokenKind.QuotedString:
        return textValue(token.text);
      case TokenKind.Word:
        return numberValue(token.text) ?? textValue(token.text);
      case TokenKind.Regex: {
        this.regexCount++;
        if (this.regexCount > MAX_REGEX_PER_PATTERN) {
          this.fail(token, `a pattern may contain at most ${MAX_REGEX_PER_PATTERN} regular expressions`);
        }
        try {
          return { kind: 'regex', source: token.text, test: compileRegex(token.text) };
        } catch (error) {
          if (!(error instanceof RegexSyntaxError)) throw error;
          // +1 skips the opening '%'.
          throw new FilterPatternSyntaxError(this.pattern, token.column + 1 + error.offset, error.reason, { cause: error });
        }
      }
      default:
        return this.fail(token, 'expected a value: a quoted string, an unquoted word or number, * or %regex%');
    }
  }

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== TokenKind.End) this.pos++;
    return token;
  }

  private expect(kind: TokenKind, reason: string): Token {
    const token = this.next();
    if (token.kind !== kind) this.fail(token, reason);
    return token;
  }

  private fail(token: Token, reason: string): never {
    const found = token.kind === TokenKind.End ? 'the end of the pattern' : JSON.stringify(token.text || token.kind);
    throw new FilterPatternSyntaxError(this.pattern, token.column, `${reason}, found ${found}`);
  }
}

export function numberValue(raw: string): NumberValue | undefined {
  return NUMBER.test(raw) ? { kind: 'number', value: Number(raw), raw } : undefined;
}

/** A leading or trailing `*` is a wildcard; an interior one is literal (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html). */
export function textValue(text: string): TextValue {
  const leadingWildcard = text.startsWith('*');
  const rest = leadingWildcard ? text.slice(1) : text;
  const trailingWildcard = rest.endsWith('*');
  return { kind: 'text', core: trailingWildcard ? rest.slice(0, -1) : rest, leadingWildcard, trailingWildcard };
}
