import { type CompiledFilterPattern, compileFilterPattern } from '../lib/filter-pattern';
import type { RuleDefinition } from '../lib/rules';
import { generateRecords } from './generator';

/** A compiled pattern on one record: a JSON pattern on the parsed record, any other kind on its JSON text. */
function test(pattern: CompiledFilterPattern, record: Record<string, unknown>, text: string): boolean {
  return pattern.kind === 'json' ? pattern.matches(record) : pattern.matchesMessage(text);
}

/**
 * How much of the bench's record mix (generated records, 2% of them matching a seed rule)
 * a subscription pre-filter lets through, beside the share the rules themselves match.
 * The empty pre-filter (a rule that is not JSON) lets everything through.
 */
export function selectivity(
  prefilter: string,
  rules: readonly Pick<RuleDefinition, 'pattern'>[],
  count = 5_000,
): { passed: number; matched: number; records: number } {
  const filter = compileFilterPattern(prefilter);
  const compiled = rules.map((rule) => compileFilterPattern(rule.pattern));
  let passed = 0;
  let matched = 0;
  for (const record of generateRecords(count, { seed: 42, matchRate: 0.02 })) {
    const text = JSON.stringify(record);
    if (test(filter, record, text)) passed++;
    if (compiled.some((rule) => test(rule, record, text))) matched++;
  }
  return { passed: passed / count, matched: matched / count, records: count };
}
