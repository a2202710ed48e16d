import type { Node } from '../filter-pattern';
import { hasOwnKey, isJsonObject } from '../json';
import type { JsonRule } from './types';

/**
 * The event names a rule can match when its pattern implies `$.eventName` is one of a set of
 * plain values (`$.eventName = X || …`, alone or inside an `&&`); undefined when it does not.
 */
export function requiredEventNames(node: Node): ReadonlySet<string> | undefined {
  switch (node.kind) {
    case 'equality': {
      const { selector, operator, value } = node;
      const plain = operator === '=' && value.kind === 'text' && !value.leadingWildcard && !value.trailingWildcard;
      return plain && selector.text === '$.eventName' ? new Set([value.core]) : undefined;
    }
    case 'or': {
      const sets = node.operands.map(requiredEventNames);
      if (sets.some((set) => set === undefined)) return undefined;
      return new Set(sets.flatMap((set) => [...(set as ReadonlySet<string>)]));
    }
    case 'and': {
      let best: ReadonlySet<string> | undefined;
      for (const set of node.operands.map(requiredEventNames)) if (set && (!best || set.size < best.size)) best = set;
      return best;
    }
    default:
      return undefined;
  }
}

/** Rules to evaluate per record, chosen by its event name, in rule order (each list as `wrap` made it). */
export interface RuleDispatch<T> {
  /** The rules for a record whose event name is none of the keys (or absent). */
  readonly others: T;
  readonly byEventName: ReadonlyMap<string, T>;
}

/** Dispatch pays only when several rules are keyed by event name (the CIS pack's are). */
const MIN_KEYED_RULES = 3;

/**
 * Splits the rules by the event names they can match, so that a record is checked only
 * against the rules it can match: exact, because a rule is left out only when its own
 * pattern requires an `$.eventName` the record does not have.
 */
export function buildDispatch<T>(rules: readonly JsonRule[], wrap: (list: readonly JsonRule[]) => T): RuleDispatch<T> | undefined {
  const required = rules.map((rule) => requiredEventNames(rule.compiled.ast));
  if (required.filter(Boolean).length < MIN_KEYED_RULES) return undefined;
  const names = new Set(required.flatMap((set) => (set ? [...set] : [])));
  const byEventName = new Map<string, T>();
  for (const name of names) byEventName.set(name, wrap(rules.filter((_, i) => required[i] === undefined || (required[i] as ReadonlySet<string>).has(name))));
  return { others: wrap(rules.filter((_, i) => required[i] === undefined)), byEventName };
}

/**
 * The rules a record can match. An event name that is a number is looked up as its
 * JavaScript text, as `=` compares it; anything else matches no keyed rule.
 */
export function rulesFor<T>(dispatch: RuleDispatch<T>, record: Readonly<Record<string, unknown>>): T {
  if (!isJsonObject(record) || !hasOwnKey(record, 'eventName')) return dispatch.others;
  const name = record.eventName;
  const key = typeof name === 'string' ? name : typeof name === 'number' ? String(name) : undefined;
  return (key !== undefined && dispatch.byEventName.get(key)) || dispatch.others;
}
