import type { RuleDefinition, RulePack } from '../types';
import { CIS_PACK } from './cis';
import { SEED_PACK } from './seed';

export { CIS_PACK } from './cis';
export { DEFAULT_METRIC_NAMESPACE, RULE_DEFINITIONS, RuleId, SEED_PACK, type SeedRuleId } from './seed';

/** Every pack the RULE_PACKS setting can name. */
export const PACKS: Readonly<Record<string, RulePack>> = Object.freeze({ seed: SEED_PACK, cis: CIS_PACK });

/** The packs when RULE_PACKS is unset. */
export const DEFAULT_RULE_PACKS = 'seed';

/** The pack ids of a RULE_PACKS value (`seed,cis`), or undefined when one is unknown, repeated or none is given. */
export function parsePackIds(value: string): string[] | undefined {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0 || new Set(ids).size !== ids.length || ids.some((id) => !Object.hasOwn(PACKS, id))) return undefined;
  return ids;
}

/** The rules of these packs, in pack order. */
export function rulesOfPacks(ids: readonly string[]): RuleDefinition[] {
  return ids.flatMap((id) => [...(PACKS[id]?.rules ?? [])]);
}
