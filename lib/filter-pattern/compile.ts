import { isJsonObject } from '../json';
import type { Node } from './ast';
import { MAX_PATTERN_LENGTH, patternLength } from './constants';
import { FilterPatternSyntaxError } from './errors';
import { compileTest, optimize, resolveSelector } from './evaluator';
import { NUMBER, parse } from './parser';
import { compileRegex, RegexSyntaxError } from './regex';
import { extractFields, parseSpaceDelimited, type SpaceDelimitedPattern, spaceDelimitedMatcher } from './space-delimited';
import { parseTerms, termMatcher } from './terms';

/** The kinds of filter pattern CloudWatch Logs documents. */
export const PatternKind = {
  /** `{ $.eventName = "ConsoleLogin" }` */
  Json: 'json',
  /** `ERROR -ARGUMENTS`, `?ERROR ?WARN`, `"INTERNAL SERVER ERROR"`, `""` */
  Terms: 'terms',
  /** `%AUTHORIZED%` */
  Regex: 'regex',
  /** `[ip, user, ..., status_code = 4*, bytes]` */
  SpaceDelimited: 'space-delimited',
} as const;
export type PatternKind = (typeof PatternKind)[keyof typeof PatternKind];

interface PatternBase {
  /** The pattern exactly as given. */
  readonly pattern: string;
  /** True when CloudWatch Logs would match this raw log event message. */
  matchesMessage(message: string): boolean;
}

/** A JSON pattern, which can also be applied to an already-parsed event. */
export interface JsonFilterPattern extends PatternBase {
  readonly kind: typeof PatternKind.Json;
  readonly ast: Node;
  /** True when the already-parsed JSON log event matches, with CloudWatch Logs semantics. */
  matches(event: unknown): boolean;
}

/** A term, regex or space-delimited pattern: it applies to a message's text. */
export interface TextFilterPattern extends PatternBase {
  readonly kind: Exclude<PatternKind, typeof PatternKind.Json>;
  /** For a space-delimited pattern, its parsed fields (metric values and dimensions name them). */
  readonly fields?: SpaceDelimitedPattern;
}

/** A pattern compiled once and evaluated many times. */
export type CompiledFilterPattern = JsonFilterPattern | TextFilterPattern;

/** Which kind of pattern this is, from its first non-blank character, as CloudWatch Logs decides. */
export function patternKind(pattern: string): PatternKind {
  const text = pattern.trim();
  if (text.startsWith('{')) return PatternKind.Json;
  if (text.startsWith('[')) return PatternKind.SpaceDelimited;
  if (text.length >= 2 && text.startsWith('%') && text.endsWith('%')) return PatternKind.Regex;
  return PatternKind.Terms;
}

/**
 * Compiles any CloudWatch Logs filter pattern: JSON, unstructured terms, a standalone
 * `%regex%` or space-delimited. `matchesMessage(text)` applies it to a log event's raw
 * message as CloudWatch Logs would; a JSON pattern never matches a message that is not JSON.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * @throws FilterPatternSyntaxError with the column and what was expected there.
 */
export function compileFilterPattern(pattern: string): CompiledFilterPattern {
  const length = patternLength(pattern);
  if (length > MAX_PATTERN_LENGTH) {
    throw new FilterPatternSyntaxError(pattern, MAX_PATTERN_LENGTH + 1, `pattern is ${length} characters; the maximum is ${MAX_PATTERN_LENGTH}`);
  }
  const kind = patternKind(pattern);
  switch (kind) {
    case PatternKind.Json:
      return compileJsonPattern(pattern);
    case PatternKind.Terms: {
      const test = termMatcher(parseTerms(pattern));
      return Object.freeze({ pattern, kind, matchesMessage: test });
    }
    case PatternKind.Regex: {
      const text = pattern.trim();
      try {
        const test = compileRegex(text.slice(1, -1));
        return Object.freeze({ pattern, kind, matchesMessage: test });
      } catch (error) {
        if (!(error instanceof RegexSyntaxError)) throw error;
        throw new FilterPatternSyntaxError(pattern, pattern.indexOf('%') + 2 + error.offset, error.reason, { cause: error });
      }
    }
    case PatternKind.SpaceDelimited: {
      const fields = parseSpaceDelimited(pattern);
      return Object.freeze({ pattern, kind, fields, matchesMessage: spaceDelimitedMatcher(fields) });
    }
  }
}

/**
 * Compiles a CloudWatch Logs JSON filter pattern such as
 * `{ $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent" }`.
 * @throws FilterPatternSyntaxError with the column, also for a pattern of another kind.
 */
export function compileJsonPattern(pattern: string): JsonFilterPattern {
  const ast = parse(pattern);
  const program = optimize(ast);
  const test = compileTest(program);
  const matches = (event: unknown): boolean => isJsonObject(event) && test(event);
  return Object.freeze({
    pattern,
    kind: PatternKind.Json,
    ast,
    matches,
    matchesMessage: (message: string) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message);
      } catch {
        return false;
      }
      return matches(parsed);
    },
  });
}

/**
 * A metric filter's `$.field` metric value: the field's number for a record, else undefined.
 * A JSON number counts, and so does a string that is a decimal number (`"42"`); a
 * missing field, or any other value, publishes nothing. AWS does not document that case.
 * @throws FilterPatternSyntaxError for a selector that is not one field (no wildcards).
 */
export function compileValueSelector(text: string): (record: unknown) => number | undefined {
  let ast: Node;
  try {
    ast = parse(`{ ${text} NOT EXISTS }`);
  } catch (error) {
    if (!(error instanceof FilterPatternSyntaxError)) throw error;
    throw new FilterPatternSyntaxError(text, Math.max(1, error.column - 2), error.reason, { cause: error });
  }
  if (ast.kind !== 'notExists' || ast.selector.hasWildcard || ast.selector.text !== text.trim()) {
    throw new FilterPatternSyntaxError(text, 1, 'expected one field selector such as $.bytes, without wildcards');
  }
  const { selector } = ast;
  return (record) => numberOf(resolveSelector(record, selector));
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMBER.test(value.trim())) {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

/** A metric filter as CloudWatch Logs stores it: what `PutMetricFilter` takes, minus names. */
export interface MetricFilterDefinition {
  readonly filterPattern: string;
  /** `1`, another number, `$.field` (JSON patterns) or `$name` (space-delimited patterns). */
  readonly metricValue: number | string;
  readonly defaultValue?: number;
}

/** A metric filter applied to raw messages. */
export interface CompiledMetricFilter {
  readonly filter: CompiledFilterPattern;
  /**
   * What the metric filter publishes for one message: the metric value when it matches (a
   * field's number, or undefined when that field has none), else the default value (or
   * undefined when there is none).
   */
  valueForMessage(message: string): number | undefined;
}

/**
 * Compiles a metric filter: its pattern and its metric value, checked together, as
 * `PutMetricFilter` would. A `$name` value must name a field of a space-delimited pattern;
 * a `$.field` value needs a JSON pattern.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * @throws FilterPatternSyntaxError for the pattern; MetricValueError for the value.
 */
export function compileMetricFilter(definition: MetricFilterDefinition): CompiledMetricFilter {
  const filter = compileFilterPattern(definition.filterPattern);
  const { defaultValue } = definition;
  const valueFor = metricValueOf(filter, definition.metricValue);
  return Object.freeze({
    filter,
    valueForMessage: (message: string) => (filter.matchesMessage(message) ? valueFor(message) : defaultValue),
  });
}

/** Raised for a metric value that the filter pattern cannot provide. */
export class MetricValueError extends Error {
  static {
    Object.defineProperty(MetricValueError, 'name', { value: 'MetricValueError' });
  }
  override readonly name = 'MetricValueError';
  constructor(
    readonly metricValue: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`metric value ${JSON.stringify(metricValue)}: ${reason}`, options);
  }
}

/**
 * The value published for a matching message: a fixed number, a JSON field's number or a
 * space-delimited field's number.
 * @throws MetricValueError when the value does not fit the pattern's kind.
 */
export function metricValueOf(filter: CompiledFilterPattern, metricValue: number | string): (message: string) => number | undefined {
  if (typeof metricValue === 'number') return () => metricValue;
  const text = metricValue.trim();
  if (NUMBER.test(text)) {
    const value = Number(text);
    return () => value;
  }
  if (text.startsWith('$.')) {
    if (filter.kind !== PatternKind.Json) throw new MetricValueError(metricValue, 'a $.field value needs a JSON filter pattern');
    let select: (record: unknown) => number | undefined;
    try {
      select = compileValueSelector(text);
    } catch (error) {
      throw new MetricValueError(metricValue, error instanceof Error ? error.message : String(error), { cause: error });
    }
    return (message) => {
      try {
        return select(JSON.parse(message));
      } catch {
        return undefined;
      }
    };
  }
  if (text.startsWith('$')) {
    const { fields } = filter as TextFilterPattern;
    const name = text.slice(1).toLowerCase();
    if (filter.kind !== PatternKind.SpaceDelimited || !fields) throw new MetricValueError(metricValue, 'a $name value needs a space-delimited filter pattern');
    if (!fields.fields.some((spec) => spec.kind === 'field' && spec.name.toLowerCase() === name)) {
      throw new MetricValueError(metricValue, `the pattern has no field named ${text.slice(1)}`);
    }
    return (message) => numberOf(extractFields(fields, message)?.get(name));
  }
  throw new MetricValueError(metricValue, 'expected a number, $.field (JSON patterns) or $name (space-delimited patterns)');
}
