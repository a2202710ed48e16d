import { MAX_PATTERN_LENGTH, patternLength } from '../filter-pattern';
import { RULE_DEFINITIONS } from './packs/seed';
import type { RuleDefinition } from './types';

/**
 * The subscription filter's pattern: the OR of the rules' own expressions, so CloudWatch
 * Logs invokes the function only for events that some rule can match. Generated, never
 * written by hand, so it cannot drift from the rules.
 * @throws Error if the result would exceed CloudWatch Logs' 1,024-character limit.
 */
export function subscriptionFilterPattern(rules: readonly Pick<RuleDefinition, 'pattern'>[] = RULE_DEFINITIONS): string {
  const terms = rules.map(({ pattern }) => {
    const inner = pattern.trim();
    if (!inner.startsWith('{') || !inner.endsWith('}')) throw new Error(`not a JSON filter pattern: ${pattern}`);
    return `(${inner.slice(1, -1).trim()})`;
  });
  const pattern = `{ ${terms.join(' || ')} }`;
  const length = patternLength(pattern);
  if (length > MAX_PATTERN_LENGTH) {
    throw new Error(`generated subscription filter pattern is ${length} characters; CloudWatch Logs allows ${MAX_PATTERN_LENGTH}`);
  }
  return pattern;
}
