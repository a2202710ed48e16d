import type { Node } from './ast';
import { FilterPatternSyntaxError } from './errors';
import { evaluate, optimize, resolveSelector } from './evaluator';
import { parse } from './parser';

/** A pattern compiled once and evaluated many times. */
export interface CompiledFilterPattern {
  /** The pattern exactly as given. */
  readonly pattern: string;
  readonly ast: Node;
  /** True when the already-parsed JSON log event matches, with CloudWatch Logs semantics. */
  matches(event: unknown): boolean;
}

/**
 * Compiles a CloudWatch Logs JSON filter pattern such as
 * `{ $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent" }`.
 * @throws FilterPatternSyntaxError with the column and what was expected there.
 */
export function compileFilterPattern(pattern: string): CompiledFilterPattern {
  const ast = parse(pattern);
  const program = optimize(ast);
  return Object.freeze({ pattern, ast, matches: (event: unknown) => evaluate(program, event) });
}

/**
 * A metric filter's `$.field` metric value: the field's number for a record, else undefined.
 * A JSON number counts, and so does a string that is a finite decimal number (`"42"`); a
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
  return (record) => {
    const value = resolveSelector(record, selector);
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return Number(value);
    return undefined;
  };
}
