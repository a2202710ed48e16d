import { type Match, RULES, type SeedRuleId } from '../../lib/rules';

/** A Match as evaluateBatch would produce it, for tests of what comes after. */
export function match(ruleId: SeedRuleId, record: Record<string, unknown>, timestamp: number, logEventId = `id-${timestamp}`): Match {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return { rule, record, timestamp, logEventId, message: JSON.stringify(record) };
}
