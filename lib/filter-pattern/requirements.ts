import { assertNever } from '../assert-never';
import type { Node, Selector } from './ast';

/**
 * A condition on the raw JSON text of an event that every match satisfies: if it is
 * false, the pattern cannot match, so the event need not be parsed at all.
 */
export type Requirement =
  | { readonly kind: 'always' }
  | { readonly kind: 'contains'; readonly text: string }
  /**
   * `key"` occurs, and not only once followed directly by `:value`. Serves `!=`: in valid
   * JSON a lone `key":"v"` is the only place the key `"key"` can be, so its value is `v`
   * and `!= v` is false; a second occurrence, or any other spelling, means "parse to be sure".
   */
  | { readonly kind: 'keyNotOnlyWith'; readonly key: string; readonly value: string }
  | { readonly kind: 'all'; readonly items: readonly Requirement[] }
  | { readonly kind: 'any'; readonly items: readonly Requirement[] };

const ALWAYS: Requirement = { kind: 'always' };

/**
 * Text that JSON can only spell literally, unless the document uses a `\u` escape: no
 * quote, backslash or slash (`\"`, `\\`, `\/`) and no control character (`\n`, `\t`…).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON must escape
const spelledLiterally = (text: string): boolean => text.length > 0 && !/["\\/\u0000-\u001f]/.test(text);

const contains = (text: string): Requirement => (spelledLiterally(text) ? { kind: 'contains', text } : ALWAYS);

function all(items: Requirement[]): Requirement {
  const kept = items.flatMap((r) => (r.kind === 'always' ? [] : r.kind === 'all' ? r.items : [r]));
  if (kept.length === 0) return ALWAYS;
  return kept.length === 1 ? (kept[0] as Requirement) : { kind: 'all', items: kept };
}

function any(items: Requirement[]): Requirement {
  if (items.some((r) => r.kind === 'always')) return ALWAYS;
  const flat = items.flatMap((r) => (r.kind === 'any' ? r.items : [r]));
  return flat.length === 1 ? (flat[0] as Requirement) : { kind: 'any', items: flat };
}

/**
 * Every key of the selector must be present, and a key is always a quoted JSON string.
 * The text searched is `key"`: a leading `"` would make every search stop at each of the
 * record's many quotes. Deepest first: the most specific key rules out most events soonest.
 */
function keysOf(selector: Selector): Requirement[] {
  return selector.segments.flatMap((s) => (s.kind === 'key' && spelledLiterally(s.key) ? [{ kind: 'contains', text: `${s.key}"` } as const] : [])).reverse();
}

/**
 * Text a number's JavaScript spelling can contain. A value made only of these could match a
 * JSON number written differently in the raw text (`= "1000"` matches `1e3`), so it is not required.
 */
const NUMBER_SPELLING = /^[0-9.eE+\-InfityNa]*$/;

/**
 * Derives from the AST what the raw text of any matching event must contain.
 * Sound only for text without `\u` escapes, which can spell any character:
 * callers must parse such text in full.
 */
export function requirementOf(node: Node): Requirement {
  switch (node.kind) {
    case 'or':
      return any(node.operands.map(requirementOf));
    case 'and':
      return all(node.operands.map(requirementOf));
    case 'notExists':
      return ALWAYS;
    case 'is':
      // The JSON literals null, true and false are never escaped.
      return all([...keysOf(node.selector), contains(node.keyword.toLowerCase())]);
    case 'relational':
      return all(keysOf(node.selector));
    case 'equality': {
      // A value only helps for text: a number can be written in many ways (1000, 1e3, 1.0E3).
      const { value, selector } = node;
      const text = value.kind === 'text' && !NUMBER_SPELLING.test(value.core);
      if (node.operator === '=') return all([...(text ? [contains(value.core)] : []), ...keysOf(selector)]);
      const last = selector.segments[selector.segments.length - 1];
      const exact = text && !value.leadingWildcard && !value.trailingWildcard && !selector.hasWildcard;
      if (!exact || last?.kind !== 'key' || !spelledLiterally(last.key) || !spelledLiterally(value.core)) return all(keysOf(selector));
      const [, ...parents] = keysOf(selector);
      return all([{ kind: 'keyNotOnlyWith', key: `${last.key}"`, value: `:"${value.core}"` }, ...parents]);
    }
    default:
      return assertNever(node);
  }
}

/** True when `text` satisfies the requirement. */
export function satisfies(requirement: Requirement, text: string): boolean {
  switch (requirement.kind) {
    case 'always':
      return true;
    case 'contains':
      return text.includes(requirement.text);
    case 'keyNotOnlyWith': {
      const at = text.indexOf(requirement.key);
      if (at < 0) return false;
      const after = at + requirement.key.length;
      return !text.startsWith(requirement.value, after) || text.includes(requirement.key, after);
    }
    case 'all':
      for (const item of requirement.items) if (!satisfies(item, text)) return false;
      return true;
    case 'any':
      for (const item of requirement.items) if (satisfies(item, text)) return true;
      return false;
    default:
      return assertNever(requirement);
  }
}
