import type { Node } from './ast';
import { evaluate, optimize } from './evaluator';
import { parse } from './parser';

export type { Node } from './ast';
export { MAX_PATTERN_LENGTH, patternLength } from './constants';
export { FilterPatternSyntaxError } from './errors';
export { type Requirement, requirementOf, satisfies } from './requirements';

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
