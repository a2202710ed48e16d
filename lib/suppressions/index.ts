import { compileJsonPattern, FilterPatternSyntaxError, type JsonFilterPattern } from '../filter-pattern';
import { isJsonObject } from '../json';
import { ALL_RULES, MAX_SUPPRESSION_DAYS, SUPPRESSION_ID } from './constants';
import { SuppressionError } from './errors';

export { ALL_RULES, DEFAULT_SUPPRESSIONS_FILE, MAX_SUPPRESSION_DAYS } from './constants';
export { SuppressionError } from './errors';

/** One reviewed exception: matches of `pattern` for `rules` are counted but not alerted. */
export interface Suppression {
  readonly id: string;
  /** Rule ids, or {@link ALL_RULES}. */
  readonly rules: readonly string[] | typeof ALL_RULES;
  readonly pattern: JsonFilterPattern;
  readonly reason: string;
  readonly owner: string;
  /** End of the `expires` day (UTC), epoch milliseconds: the entry applies before it. */
  readonly expiresAt: number;
  /** The date as written. */
  readonly expires: string;
}

/** The checked suppressions, split by whether they still apply. */
export interface Suppressions {
  readonly active: readonly Suppression[];
  readonly expired: readonly Suppression[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a suppressions document (the parsed YAML: a list of entries, or null for a file
 * that is all comments) and compiles each pattern with the rules' own engine.
 * @param ruleIds the rule ids that may be named.
 * @param now epoch milliseconds; `expires` must be at most a year after it.
 * @throws SuppressionError naming the entry, the field and, for a pattern, the column.
 */
export function parseSuppressions(document: unknown, ruleIds: readonly string[], now: number): Suppressions {
  if (document === null || document === undefined) return { active: [], expired: [] };
  if (!Array.isArray(document)) throw new SuppressionError('file', undefined, 'expected a list of entries (- id: ...)');
  const known = new Set(ruleIds);
  const seen = new Set<string>();
  const all = document.map((entry, index) => parseEntry(entry, index, known, seen, now));
  return { active: all.filter((s) => s.expiresAt > now), expired: all.filter((s) => s.expiresAt <= now) };
}

function parseEntry(entry: unknown, index: number, known: ReadonlySet<string>, seen: Set<string>, now: number): Suppression {
  let name = `#${index + 1}`;
  if (!isJsonObject(entry)) throw new SuppressionError(name, undefined, 'expected a mapping with id, rules, pattern, reason, owner and expires');
  const text = (field: string): string => {
    const value = entry[field];
    if (typeof value !== 'string' || value.trim() === '') throw new SuppressionError(name, field, 'required, a non-empty string');
    return value;
  };
  const id = text('id');
  if (!SUPPRESSION_ID.test(id)) throw new SuppressionError(name, 'id', 'expected 1-64 of A-Z a-z 0-9 . _ -, starting with a letter or digit');
  name = `"${id}" (${name})`;
  if (seen.has(id)) throw new SuppressionError(name, 'id', 'another entry has the same id');
  seen.add(id);
  const unknownField = Object.keys(entry).find((field) => !FIELDS.has(field));
  if (unknownField !== undefined) throw new SuppressionError(name, unknownField, `unknown field; expected ${[...FIELDS].join(', ')}`);
  const rules = parseRules(entry.rules, name, known);
  const patternText = text('pattern');
  let pattern: JsonFilterPattern;
  try {
    pattern = compileJsonPattern(patternText);
  } catch (error) {
    if (!(error instanceof FilterPatternSyntaxError)) throw error;
    throw new SuppressionError(name, 'pattern', `${error.reason} in ${JSON.stringify(patternText)}`, error.column, { cause: error });
  }
  const reason = text('reason');
  const owner = text('owner');
  const expires = parseExpires(entry.expires, name);
  const expiresAt = expires.at + DAY_MS;
  if (expiresAt - now > MAX_SUPPRESSION_DAYS * DAY_MS) {
    throw new SuppressionError(name, 'expires', `${expires.text} is more than ${MAX_SUPPRESSION_DAYS} days ahead: review suppressions at least yearly`);
  }
  return Object.freeze({ id, rules, pattern, reason, owner, expiresAt, expires: expires.text });
}

const FIELDS = new Set(['id', 'rules', 'pattern', 'reason', 'owner', 'expires']);

function parseRules(value: unknown, name: string, known: ReadonlySet<string>): Suppression['rules'] {
  if (value === ALL_RULES) return ALL_RULES;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((r) => typeof r !== 'string')) {
    throw new SuppressionError(name, 'rules', `expected '${ALL_RULES}' or a list of rule ids`);
  }
  if (list.includes(ALL_RULES)) return ALL_RULES;
  const unknown = (list as string[]).filter((r) => !known.has(r));
  if (unknown.length > 0) throw new SuppressionError(name, 'rules', `unknown rule ${unknown.join(', ')}; the rules are ${[...known].join(', ')}`);
  return Object.freeze([...(list as string[])]);
}

function parseExpires(value: unknown, name: string): { at: number; text: string } {
  // YAML may give a date as a Date (YAML 1.1 timestamps) or a string (YAML 1.2).
  const text = value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
  const match = typeof text === 'string' ? DATE.exec(text) : null;
  const at = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== text) {
    throw new SuppressionError(name, 'expires', 'required, a date such as 2027-06-30 (the entry stops applying after that day, UTC)');
  }
  return { at, text: text as string };
}

/** The first active suppression that covers this rule and record, if any. */
export function suppressionFor(suppressions: readonly Suppression[], ruleId: string, record: unknown): Suppression | undefined {
  for (const suppression of suppressions) {
    if (suppression.rules !== ALL_RULES && !suppression.rules.includes(ruleId)) continue;
    if (suppression.pattern.matches(record)) return suppression;
  }
  return undefined;
}
