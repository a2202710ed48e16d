import { assertNever } from '../assert-never';
import type { ComparisonOperator, Value } from './ast';
import { MAX_REGEX_PER_PATTERN } from './constants';
import { FilterPatternSyntaxError } from './errors';
import { textMatches } from './evaluator';
import { isSpace, readQuoted } from './lexer';
import { NUMBER, numberValue, textValue } from './parser';
import { compileRegex, RegexSyntaxError } from './regex';

/** One comparison on a field's text, such as `status_code = 4*` or `bytes > 1000`. */
export interface FieldComparison {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly value: Value;
}

export interface FieldAnd {
  readonly kind: 'and';
  readonly operands: readonly FieldCondition[];
}

export interface FieldOr {
  readonly kind: 'or';
  readonly operands: readonly FieldCondition[];
}

/** The conditions on one field: comparisons joined by `&&` (binding tighter) and `||`. */
export type FieldCondition = FieldComparison | FieldAnd | FieldOr;

/** One slot of `[ip, user, ..., status_code = 4*, bytes]`. */
export type FieldSpec = { readonly kind: 'ellipsis' } | { readonly kind: 'field'; readonly name: string; readonly condition: FieldCondition | undefined };

export interface SpaceDelimitedPattern {
  readonly fields: readonly FieldSpec[];
}

const NAME = /^[A-Za-z0-9_]+$/;

interface Tok {
  readonly kind: 'punct' | 'op' | 'word' | 'quoted' | 'regex' | 'end';
  readonly text: string;
  readonly column: number;
}

function tokenize(pattern: string): Tok[] {
  const tokens: Tok[] = [];
  const fail = (at: number, reason: string): never => {
    throw new FilterPatternSyntaxError(pattern, at + 1, reason);
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    const start = i;
    if (isSpace(c)) {
      i++;
    } else if (c === '[' || c === ']' || c === ',') {
      tokens.push({ kind: 'punct', text: c, column: start + 1 });
      i++;
    } else if (c === '&' || c === '|') {
      if (pattern[i + 1] !== c) fail(start, `expected '${c}${c}'`);
      tokens.push({ kind: 'punct', text: c + c, column: start + 1 });
      i += 2;
    } else if (c === '=' || c === '!' || c === '<' || c === '>') {
      const two = pattern[i + 1] === '=';
      if (c === '!' && !two) fail(start, "expected '!='");
      if (c === '=' && two) fail(start, "'==' is not an operator; expected '=' or '!='");
      const op = two ? `${c}=` : c;
      tokens.push({ kind: 'op', text: op, column: start + 1 });
      i += op.length;
    } else if (c === '"') {
      const { text, end } = readQuoted(pattern, start, 'quoted string', fail);
      i = end;
      tokens.push({ kind: 'quoted', text, column: start + 1 });
    } else if (c === '%') {
      const close = pattern.indexOf('%', i + 1);
      if (close < 0) fail(start, "unterminated regex, expected a closing '%'");
      tokens.push({ kind: 'regex', text: pattern.slice(i + 1, close), column: start + 1 });
      i = close + 1;
    } else {
      while (i < pattern.length && !/[\s[\],&|=!<>"%]/.test(pattern[i] as string)) i++;
      tokens.push({ kind: 'word', text: pattern.slice(start, i), column: start + 1 });
    }
  }
  tokens.push({ kind: 'end', text: '', column: pattern.length + 1 });
  return tokens;
}

/**
 * Parses a space-delimited pattern: `[` fields `]`, each field a name with optional
 * conditions on itself (`status_code = 404 || status_code = 410`), or `...` for any number
 * of unnamed fields (at most once). A condition names its own field; names compare without
 * case, so AWS's documented `[w1=ERROR || W1=WARNING, w2]` is accepted.
 * @throws FilterPatternSyntaxError with the column.
 */
export function parseSpaceDelimited(pattern: string): SpaceDelimitedPattern {
  const tokens = tokenize(pattern);
  let pos = 0;
  let regexCount = 0;
  const peek = (): Tok => tokens[pos] as Tok;
  const next = (): Tok => {
    const token = peek();
    if (token.kind !== 'end') pos++;
    return token;
  };
  const fail = (token: Tok, reason: string): never => {
    const found = token.kind === 'end' ? 'the end of the pattern' : JSON.stringify(token.text);
    throw new FilterPatternSyntaxError(pattern, token.column, `${reason}, found ${found}`);
  };
  const expectPunct = (text: string, reason: string): void => {
    const token = next();
    if (token.kind !== 'punct' || token.text !== text) fail(token, reason);
  };

  const value = (): Value => {
    const token = next();
    switch (token.kind) {
      case 'quoted':
        return textValue(token.text);
      case 'word':
        return numberValue(token.text) ?? textValue(token.text);
      case 'regex': {
        regexCount++;
        if (regexCount > MAX_REGEX_PER_PATTERN) fail(token, `a pattern may contain at most ${MAX_REGEX_PER_PATTERN} regular expressions`);
        try {
          return { kind: 'regex', source: token.text, test: compileRegex(token.text) };
        } catch (error) {
          if (!(error instanceof RegexSyntaxError)) throw error;
          throw new FilterPatternSyntaxError(pattern, token.column + 1 + error.offset, error.reason, { cause: error });
        }
      }
      default:
        return fail(token, 'expected a value: a quoted string, an unquoted word or number, * or %regex%');
    }
  };

  const comparison = (name: string, named: boolean): FieldComparison => {
    if (named) {
      const token = next();
      if (token.kind !== 'word' || token.text.toLowerCase() !== name.toLowerCase()) {
        fail(token, `expected the field name ${name}: a condition may only test its own field`);
      }
    }
    const op = next();
    if (op.kind !== 'op') fail(op, `expected an operator (=, !=, <, <=, >, >=) after ${name}`);
    const operator = op.text as ComparisonOperator;
    const operand = value();
    if (operator !== '=' && operator !== '!=' && operand.kind !== 'number') fail(tokens[pos - 1] as Tok, `expected a number after '${operator}'`);
    return { kind: 'comparison', operator, value: operand };
  };

  const condition = (name: string): FieldCondition => {
    const and = (first: boolean): FieldCondition => {
      const operands: FieldCondition[] = [comparison(name, !first)];
      while (peek().kind === 'punct' && peek().text === '&&') {
        next();
        operands.push(comparison(name, true));
      }
      return operands.length === 1 ? (operands[0] as FieldCondition) : { kind: 'and', operands };
    };
    const operands = [and(true)];
    while (peek().kind === 'punct' && peek().text === '||') {
      next();
      operands.push(and(false));
    }
    return operands.length === 1 ? (operands[0] as FieldCondition) : { kind: 'or', operands };
  };

  expectPunct('[', "expected '[' to start a space-delimited pattern");
  const fields: FieldSpec[] = [];
  let ellipsis = false;
  const names = new Set<string>();
  for (;;) {
    const token = next();
    if (token.kind === 'word' && token.text === '...') {
      if (ellipsis) fail(token, "'...' may appear only once");
      ellipsis = true;
      fields.push({ kind: 'ellipsis' });
    } else if (token.kind === 'word' && NAME.test(token.text)) {
      const key = token.text.toLowerCase();
      if (names.has(key)) fail(token, `field ${token.text} is named twice`);
      names.add(key);
      const hasCondition = peek().kind === 'op';
      fields.push({ kind: 'field', name: token.text, condition: hasCondition ? condition(token.text) : undefined });
    } else {
      fail(token, "expected a field name (letters, digits and '_') or '...'");
    }
    const separator = next();
    if (separator.kind === 'punct' && separator.text === ']') break;
    if (separator.kind !== 'punct' || separator.text !== ',') fail(separator, "expected ',' or ']' after a field");
  }
  const rest = peek();
  if (rest.kind !== 'end') fail(rest, "unexpected text after the closing ']'");
  return { fields };
}

/**
 * Splits a message into fields: runs of spaces separate them, and a field that starts with
 * `"` runs to the next `"`, or with `[` to the next `]`, holding spaces; those delimiters are
 * not part of its value (AWS: "Characters between brackets ("[]") and double quotation marks
 * ("") are considered single fields"). Each field keeps where it starts in the message.
 */
export function splitFields(message: string): { readonly value: string; readonly start: number }[] {
  const fields: { value: string; start: number }[] = [];
  let i = 0;
  while (i < message.length) {
    if (message[i] === ' ') {
      i++;
      continue;
    }
    const start = i;
    const open = message[i];
    const close = open === '"' ? '"' : open === '[' ? ']' : undefined;
    const end = close === undefined ? -1 : message.indexOf(close, i + 1);
    if (close !== undefined && end > 0) {
      fields.push({ value: message.slice(i + 1, end), start });
      i = end + 1;
      continue;
    }
    while (i < message.length && message[i] !== ' ') i++;
    fields.push({ value: message.slice(start, i), start });
  }
  return fields;
}

/**
 * The named fields' values for a message, or undefined when the message has too few fields.
 * Fields before `...` take the first fields, those after it the last ones. Without `...`,
 * the last named field takes the rest of the message (AWS: "include a blank w2 indicator"
 * after `w1=ERROR` to match messages whose first word is ERROR).
 */
export function extractFields(parsed: SpaceDelimitedPattern, message: string): Map<string, string> | undefined {
  const fields = splitFields(message);
  const specs = parsed.fields;
  const named = specs.filter((spec) => spec.kind === 'field').length;
  if (fields.length < named) return undefined;
  const values = new Map<string, string>();
  const gap = specs.findIndex((spec) => spec.kind === 'ellipsis');
  if (gap < 0) {
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i] as Extract<FieldSpec, { kind: 'field' }>;
      const field = fields[i] as { value: string; start: number };
      const last = i === specs.length - 1 && fields.length > specs.length;
      values.set(spec.name.toLowerCase(), last ? message.slice(field.start).trimEnd() : field.value);
    }
    return values;
  }
  for (let i = 0; i < gap; i++) values.set(nameOf(specs[i]), (fields[i] as { value: string }).value);
  const after = specs.length - gap - 1;
  for (let k = 0; k < after; k++) {
    values.set(nameOf(specs[gap + 1 + k]), (fields[fields.length - after + k] as { value: string }).value);
  }
  return values;
}

function nameOf(spec: FieldSpec | undefined): string {
  return spec?.kind === 'field' ? spec.name.toLowerCase() : '';
}

function test(condition: FieldCondition, text: string): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.operands.every((operand) => test(operand, text));
    case 'or':
      return condition.operands.some((operand) => test(operand, text));
    case 'comparison':
      return compare(condition, text);
    default:
      return assertNever(condition);
  }
}

function compare({ operator, value }: FieldComparison, text: string): boolean {
  switch (operator) {
    case '=':
    case '!=':
      return equals(value, text) === (operator === '=');
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (value.kind !== 'number' || !NUMBER.test(text)) return false;
      const actual = Number(text);
      const bound = value.value;
      return operator === '<' ? actual < bound : operator === '<=' ? actual <= bound : operator === '>' ? actual > bound : actual >= bound;
    }
    default:
      return assertNever(operator);
  }
}

/** A number equals a field holding the same number (`404` and `404.0`), else the same text. */
function equals(value: Value, text: string): boolean {
  switch (value.kind) {
    case 'number':
      return NUMBER.test(text) ? Number(text) === value.value : text === value.raw;
    case 'text':
      return textMatches(value, text);
    case 'regex':
      return value.test(text);
    default:
      return assertNever(value);
  }
}

/** Compiles a parsed space-delimited pattern to a test on a message's raw text. */
export function spaceDelimitedMatcher(parsed: SpaceDelimitedPattern): (message: string) => boolean {
  const conditions = parsed.fields.flatMap((spec) => (spec.kind === 'field' && spec.condition ? [[spec.name.toLowerCase(), spec.condition] as const] : []));
  return (message) => {
    const values = extractFields(parsed, message);
    if (!values) return false;
    for (const [name, condition] of conditions) if (!test(condition, values.get(name) as string)) return false;
    return true;
  };
}
