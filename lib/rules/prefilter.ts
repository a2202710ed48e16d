import { assertNever } from '../assert-never';
import { compileJsonPattern, MAX_PATTERN_LENGTH, type Node, PatternKind, patternKind, patternLength } from '../filter-pattern';
import type { Value } from '../filter-pattern/ast';
import { RULE_DEFINITIONS } from './packs/seed';
import type { RuleDefinition } from './types';

type Leaf = Exclude<Node, { kind: 'and' | 'or' }>;

/** The empty pattern: CloudWatch Logs sends every log event. */
export const MATCH_EVERYTHING = '';

/**
 * The subscription filter's pattern: CloudWatch Logs invokes the function only for events
 * that it lets through, so it must be **sound**: every event an enabled rule matches passes.
 *
 * - When the OR of the rules' own expressions fits the 1,024-character limit, it is exactly
 *   that (the seed pack's three rules).
 * - Otherwise (the 14 CIS patterns are about 3,100 characters) each rule is replaced by a
 *   condition it implies: of an `&&`, one operand (the most selective); of an `||`, all of
 *   them; a comparison as it is. Then `=` values on the same selector are merged into
 *   prefix wildcards (`"Delete*"`), shortest prefix last, until the pattern fits. Each step
 *   only widens what passes, so the result is a superset of what the rules match.
 *
 * Generated, never written by hand, so it cannot drift from the rules.
 * @throws Error when no sound pattern fits CloudWatch Logs' limit.
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html
 */
export function subscriptionFilterPattern(rules: readonly Pick<RuleDefinition, 'pattern'>[] = RULE_DEFINITIONS): string {
  // A term, regex or space-delimited rule cannot be joined to JSON ones in one pattern, so
  // with one of those the filter lets everything through.
  if (rules.some(({ pattern }) => patternKind(pattern) !== PatternKind.Json)) return MATCH_EVERYTHING;
  const terms = rules.map(({ pattern }) => `(${pattern.trim().slice(1, -1).trim()})`);
  const exact = `{ ${terms.join(' || ')} }`;
  if (patternLength(exact) <= MAX_PATTERN_LENGTH) return exact;
  const atoms = new Map<string, Leaf>();
  for (const { pattern } of rules) for (const leaf of implied(compileJsonPattern(pattern).ast)) atoms.set(render(leaf), leaf);
  return fitToLimit([...atoms.values()]);
}

/**
 * Comparisons at least one of which holds whenever `node` holds. Of an `&&`, the operand
 * whose own set is the most selective (smallest estimated share of events).
 */
function implied(node: Node): Leaf[] {
  switch (node.kind) {
    case 'or':
      return node.operands.flatMap(implied);
    case 'and': {
      const options = node.operands.map(implied);
      return options.reduce((best, option) => (share(option) < share(best) ? option : best));
    }
    case 'equality':
    case 'relational':
    case 'is':
    case 'notExists':
      return [node];
    default:
      return assertNever(node);
  }
}

/**
 * A rough share of CloudTrail events a comparison lets through: `=` on a value is rare, on
 * `$.eventSource` (a whole service) less so; `!=` and `NOT EXISTS` let most through. Only
 * used to choose among sound options.
 */
function share(leaves: readonly Leaf[]): number {
  let total = 0;
  for (const leaf of leaves) {
    if (leaf.kind === 'equality' && leaf.operator === '=') {
      const wildcard = leaf.value.kind === 'text' && (leaf.value.leadingWildcard || leaf.value.trailingWildcard);
      total += leaf.selector.text === '$.eventSource' ? 0.2 : wildcard ? 0.05 : 0.01;
    } else total += leaf.kind === 'notExists' ? 0.5 : leaf.kind === 'equality' ? 0.9 : 0.3;
  }
  return Math.min(1, total);
}

/**
 * Merges `=` values into prefix wildcards until the pattern fits: one merge at a time, the
 * one that saves the most characters, with the longest prefixes (two CamelCase words, then
 * one, then 6 down to 3 characters) tried first. So the pattern stays as tight as it can.
 */
function fitToLimit(atoms: readonly Leaf[]): string {
  const levels: ((text: string) => string)[] = [
    (text) => camelPrefix(text, 2),
    (text) => camelPrefix(text, 1),
    ...[6, 5, 4, 3].map((n) => (text: string) => (text.length > n ? text.slice(0, n) : text)),
  ];
  let current = atoms;
  for (const prefixOf of levels) {
    while (patternLength(toPattern(current)) > MAX_PATTERN_LENGTH) {
      const best = bestMerge(current, prefixOf);
      if (best === undefined) break;
      current = best;
    }
    if (patternLength(toPattern(current)) <= MAX_PATTERN_LENGTH) return checked(toPattern(current));
  }
  throw new Error(`no sound subscription filter pattern fits CloudWatch Logs' ${MAX_PATTERN_LENGTH} characters (${patternLength(toPattern(current))} at best)`);
}

/** The pattern must parse (limits on regexes and wildcard selectors included) with the engine itself. */
function checked(pattern: string): string {
  compileJsonPattern(pattern);
  return pattern;
}

const toPattern = (atoms: readonly Leaf[]): string => `{ ${atoms.map((leaf) => `(${render(leaf)})`).join(' || ')} }`;

/** The first `words` CamelCase words of a value: `DeleteBucketPolicy` → `Delete` (1) or `DeleteBucket` (2). */
function camelPrefix(text: string, words: number): string {
  const parts = text.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? [];
  return parts.length > words ? parts.slice(0, words).join('') : text;
}

/** A value that a prefix wildcard may replace: `=` on text, no leading wildcard. */
function mergeable(leaf: Leaf): leaf is Extract<Leaf, { kind: 'equality' }> & { value: Extract<Value, { kind: 'text' }> } {
  return leaf.kind === 'equality' && leaf.operator === '=' && leaf.value.kind === 'text' && !leaf.value.leadingWildcard && leaf.value.core !== '';
}

/**
 * Of the groups of two or more values that share a selector and a prefix, replaces the one
 * whose merge saves the most characters by `selector = "prefix*"`, which matches every
 * string its values matched, and more. Undefined when no group is left.
 */
function bestMerge(atoms: readonly Leaf[], prefixOf: (text: string) => string): Leaf[] | undefined {
  const groups = new Map<string, { prefix: string; leaves: Leaf[] }>();
  for (const leaf of atoms) {
    if (!mergeable(leaf)) continue;
    const prefix = prefixOf(leaf.value.core);
    const key = `${leaf.selector.text}\u0000${prefix}`;
    const group = groups.get(key);
    if (group) group.leaves.push(leaf);
    else groups.set(key, { prefix, leaves: [leaf] });
  }
  let best: { prefix: string; leaves: Leaf[]; saving: number } | undefined;
  for (const group of groups.values()) {
    if (group.leaves.length < 2) continue;
    const first = group.leaves[0] as Leaf;
    const merged = render({
      ...(first as Extract<Leaf, { kind: 'equality' }>),
      value: { kind: 'text', core: group.prefix, leadingWildcard: false, trailingWildcard: true },
    });
    const saving = group.leaves.reduce((sum, leaf) => sum + render(leaf).length + 6, 0) - (merged.length + 6);
    if (!best || saving > best.saving) best = { ...group, saving };
  }
  if (!best) return undefined;
  const chosen = best;
  const first = chosen.leaves[0] as Extract<Leaf, { kind: 'equality' }>;
  const replacement: Leaf = { ...first, value: { kind: 'text', core: chosen.prefix, leadingWildcard: false, trailingWildcard: true } };
  const result: Leaf[] = [];
  let placed = false;
  for (const leaf of atoms) {
    if (!chosen.leaves.includes(leaf)) result.push(leaf);
    else if (!placed) {
      result.push(replacement);
      placed = true;
    }
  }
  return result;
}

/** A comparison as pattern text; values are quoted, so any character survives. */
function render(leaf: Leaf): string {
  const selector = leaf.selector.text;
  switch (leaf.kind) {
    case 'equality':
      return `${selector} ${leaf.operator} ${renderValue(leaf.value)}`;
    case 'relational':
      return `${selector} ${leaf.operator} ${leaf.value.raw}`;
    case 'is':
      return `${selector} IS ${leaf.keyword}`;
    case 'notExists':
      return `${selector} NOT EXISTS`;
    default:
      return assertNever(leaf);
  }
}

function renderValue(value: Value): string {
  switch (value.kind) {
    case 'number':
      return value.raw;
    case 'regex':
      return `%${value.source}%`;
    case 'text':
      return `"${value.leadingWildcard ? '*' : ''}${value.core.replace(/[\\"]/g, (c) => `\\${c}`)}${value.trailingWildcard ? '*' : ''}"`;
    default:
      return assertNever(value);
  }
}
