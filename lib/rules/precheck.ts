import { type Requirement, requirementOf, satisfies } from '../filter-pattern';
import type { JsonRule } from './types';

/**
 * An exact pre-check on a message's raw JSON text: false only when no rule can match it,
 * so the message need not be parsed. Text with a `\u` escape (which can spell any
 * character, e.g. `\u0052oot`) always goes to the full parse.
 */
export function buildPrecheck(rules: readonly JsonRule[]): (raw: string) => boolean {
  const requirement: Requirement =
    rules.length === 0 ? { kind: 'any', items: [] } : { kind: 'any', items: rules.map((rule) => requirementOf(rule.compiled.ast)) };
  return (raw) => raw.includes('\\u') || satisfies(requirement, raw);
}

/**
 * Cheap shape test for messages the pre-check skips: a JSON object starts with `{` and ends
 * with `}` (JSON allows surrounding whitespace). Anything else is counted as rejected.
 */
export function looksLikeObject(raw: string): boolean {
  let start = 0;
  let end = raw.length - 1;
  while (start <= end && isJsonSpace(raw.charCodeAt(start))) start++;
  while (end > start && isJsonSpace(raw.charCodeAt(end))) end--;
  return start < end && raw.charCodeAt(start) === 123 && raw.charCodeAt(end) === 125;
}

const isJsonSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
