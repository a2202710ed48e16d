import { type CompiledFilterPattern, compileFilterPattern, compileValueSelector, metricValueOf, PatternKind } from '../filter-pattern';
import { SEED_PACK } from './packs/seed';
import type { Rule, RuleCounts, RuleDefinition } from './types';

/** Options applied to every rule when a set is compiled. */
export interface CompileRulesOptions {
  /** Replaces each rule's namespace (the METRIC_NAMESPACE setting). */
  readonly namespace?: string;
}

/**
 * Compiles each rule's pattern once, into a frozen list.
 * @throws Error when two rules share an id; FilterPatternSyntaxError for a bad pattern.
 */
export function compileRules(definitions: readonly RuleDefinition[], options: CompileRulesOptions = {}): readonly Rule[] {
  const seen = new Set<string>();
  return Object.freeze(
    definitions.map((definition) => {
      if (seen.has(definition.id)) throw new Error(`duplicate rule id ${definition.id}`);
      seen.add(definition.id);
      const namespace = definition.ownNamespace ? definition.namespace : (options.namespace ?? definition.namespace);
      const compiled = compileFilterPattern(definition.pattern);
      const metricValueOf = metricValueFor(definition.metricValue, compiled);
      return Object.freeze({ ...definition, namespace, compiled, ...(metricValueOf ? { metricValueOf } : {}) });
    }),
  );
}

/** A `$.field` value reads the parsed record; a `$name` value (space-delimited) reads the message. */
function metricValueFor(value: number | string, compiled: CompiledFilterPattern): Rule['metricValueOf'] {
  if (typeof value !== 'string') return undefined;
  if (compiled.kind === PatternKind.Json) return compileValueSelector(value);
  const fromMessage = metricValueOf(compiled, value);
  return (record, message) => fromMessage(message ?? JSON.stringify(record));
}

/**
 * True when a rule matches a record: a JSON rule tests the parsed record, any other kind the
 * raw message (the record's JSON text when no message is given).
 */
export function ruleMatches(rule: Rule, record: unknown, message?: string): boolean {
  const { compiled } = rule;
  return compiled.kind === PatternKind.Json ? compiled.matches(record) : compiled.matchesMessage(message ?? JSON.stringify(record));
}

/** The seed rules with their published namespace, compiled once at module load. */
export const RULES: readonly Rule[] = compileRules(SEED_PACK.rules);

/** A fresh zeroed counter for every rule. */
export function emptyRuleCounts(rules: readonly Pick<RuleDefinition, 'id'>[] = RULES): RuleCounts {
  const counts: RuleCounts = {};
  for (const rule of rules) counts[rule.id] = 0;
  return counts;
}

/** Adds `from`'s counts into `into`, key by key (rule ids, suppression ids, sink names), and returns `into`. */
export function addCounts(into: RuleCounts, from: Readonly<RuleCounts>): RuleCounts {
  for (const [id, n] of Object.entries(from)) into[id] = (into[id] ?? 0) + n;
  return into;
}
