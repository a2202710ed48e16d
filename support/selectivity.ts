import { compileJsonPattern } from '../lib/filter-pattern';
import type { RuleDefinition } from '../lib/rules';
import { generateRecords } from './generator';

/**
 * How much of the bench's record mix (generated records, 2% of them matching a seed rule)
 * a subscription pre-filter lets through, beside the share the rules themselves match.
 */
export function selectivity(
  prefilter: string,
  rules: readonly Pick<RuleDefinition, 'pattern'>[],
  count = 5_000,
): { passed: number; matched: number; records: number } {
  const filter = compileJsonPattern(prefilter);
  const compiled = rules.map((rule) => compileJsonPattern(rule.pattern));
  let passed = 0;
  let matched = 0;
  for (const record of generateRecords(count, { seed: 42, matchRate: 0.02 })) {
    if (filter.matches(record)) passed++;
    if (compiled.some((rule) => rule.matches(record))) matched++;
  }
  return { passed: passed / count, matched: matched / count, records: count };
}
