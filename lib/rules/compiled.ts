import { compileFilterPattern, type CompiledFilterPattern } from '../filter-pattern';
import { RULE_DEFINITIONS, type RuleDefinition, type RuleId } from './packs/seed';

/** A rule with its pattern compiled. */
export interface Rule extends RuleDefinition {
  readonly compiled: CompiledFilterPattern;
}

/** The seed rules, each pattern compiled once at module load. */
export const RULES: readonly Rule[] = Object.freeze(
  RULE_DEFINITIONS.map((definition) => Object.freeze({ ...definition, compiled: compileFilterPattern(definition.pattern) })),
);

/** Per-rule counters, keyed by rule id. */
export type RuleCounts = Record<RuleId, number>;

/** A fresh zeroed counter for every rule. */
export function emptyRuleCounts(rules: readonly RuleDefinition[] = RULES): RuleCounts {
  const counts = {} as RuleCounts;
  for (const rule of rules) counts[rule.id] = 0;
  return counts;
}
