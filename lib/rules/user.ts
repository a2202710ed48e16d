import { EntryError } from '../entry-error';
import {
  type CompiledFilterPattern,
  compileFilterPattern,
  compileValueSelector,
  FilterPatternSyntaxError,
  MetricValueError,
  metricValueOf,
  PatternKind,
} from '../filter-pattern';
import { isJsonObject } from '../json';
import { MAX_NAMESPACE_LENGTH } from '../sinks/metrics/constants';
import { type RuleDefinition, SEVERITY_RANK, type Severity } from './types';

/** The pack of the user's own rules (the rulesFile param). */
export const USER_PACK = 'user';
/** The file `serverless package` reads when the rulesFile param is not set; missing means none. */
export const DEFAULT_RULES_FILE = 'rules.yml';

/** An invalid rules file or entry; fails packaging and cold start alike. */
export class RuleFileError extends EntryError {
  static {
    Object.defineProperty(RuleFileError, 'name', { value: 'RuleFileError' });
  }
  override readonly name = 'RuleFileError';
  constructor(entry: string, field: string | undefined, reason: string, column?: number, options?: { cause?: unknown }) {
    super('rule', entry, field, reason, column, options);
  }
}

const FIELDS = new Set(['id', 'pattern', 'metricName', 'namespace', 'metricValue', 'defaultValue', 'severity', 'alert', 'title', 'alertWindowSeconds']);
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html */
const METRIC_NAME = /^[^\s:][^:]{0,254}$/;

/**
 * Checks the user's rules file (the parsed YAML: a list of entries, or null when it is all
 * comments) into rule definitions of the `user` pack.
 * @param reservedIds the ids of the packs' rules: an id must be unique across packs.
 * @param defaultNamespace the metricNamespace param, for entries without their own.
 * @throws RuleFileError naming the entry, the field and, for a pattern, the column.
 */
export function parseUserRules(document: unknown, reservedIds: readonly string[], defaultNamespace: string): RuleDefinition[] {
  if (document === null || document === undefined) return [];
  if (!Array.isArray(document)) throw new RuleFileError('file', undefined, 'expected a list of rules (- id: ...)');
  const seen = new Set(reservedIds);
  return document.map((entry, index) => parseRule(entry, index, seen, defaultNamespace));
}

function parseRule(entry: unknown, index: number, seen: Set<string>, defaultNamespace: string): RuleDefinition {
  let name = `#${index + 1}`;
  if (!isJsonObject(entry)) throw new RuleFileError(name, undefined, 'expected a mapping with id, pattern, metricName and severity');
  const text = (field: string, required = true): string | undefined => {
    const value = entry[field];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new RuleFileError(name, field, 'required, a non-empty string');
    return value;
  };
  const id = text('id') as string;
  if (!RULE_ID.test(id)) throw new RuleFileError(name, 'id', 'expected 1-64 of A-Z a-z 0-9 . _ -, starting with a letter or digit');
  name = `"${id}" (${name})`;
  if (seen.has(id)) throw new RuleFileError(name, 'id', 'another rule (of this file or of a pack) has the same id');
  seen.add(id);
  const unknownField = Object.keys(entry).find((field) => !FIELDS.has(field));
  if (unknownField !== undefined) throw new RuleFileError(name, unknownField, `unknown field; expected ${[...FIELDS].join(', ')}`);
  const pattern = text('pattern') as string;
  let compiled: CompiledFilterPattern;
  try {
    compiled = compileFilterPattern(pattern);
  } catch (error) {
    if (!(error instanceof FilterPatternSyntaxError)) throw error;
    throw new RuleFileError(name, 'pattern', `${error.reason} in ${JSON.stringify(pattern)}`, error.column, { cause: error });
  }
  const metricName = text('metricName') as string;
  if (!METRIC_NAME.test(metricName)) throw new RuleFileError(name, 'metricName', 'expected 1-255 characters, no colon, not starting with a space');
  const namespace = text('namespace', false);
  if (namespace !== undefined && (namespace.length > MAX_NAMESPACE_LENGTH || namespace.startsWith(':') || namespace.startsWith('AWS/'))) {
    throw new RuleFileError(name, 'namespace', "1-255 characters, not starting with ':' or 'AWS/'");
  }
  const metricValue = parseMetricValue(entry.metricValue, name, compiled);
  const defaultValue = entry.defaultValue;
  if (defaultValue !== undefined && (typeof defaultValue !== 'number' || !Number.isFinite(defaultValue)))
    throw new RuleFileError(name, 'defaultValue', 'expected a number');
  const severity = entry.severity;
  if (typeof severity !== 'string' || !Object.hasOwn(SEVERITY_RANK, severity)) {
    throw new RuleFileError(name, 'severity', `required, one of ${Object.keys(SEVERITY_RANK).join(', ')}`);
  }
  const alert = entry.alert ?? true;
  if (typeof alert !== 'boolean') throw new RuleFileError(name, 'alert', 'expected true or false');
  const windowSeconds = entry.alertWindowSeconds;
  if (windowSeconds !== undefined && (typeof windowSeconds !== 'number' || !Number.isInteger(windowSeconds) || windowSeconds < 0 || windowSeconds > 604_800)) {
    throw new RuleFileError(name, 'alertWindowSeconds', 'expected a whole number from 0 to 604800');
  }
  return Object.freeze({
    id,
    pack: USER_PACK,
    pattern,
    metricName,
    namespace: namespace ?? defaultNamespace,
    ...(namespace !== undefined ? { ownNamespace: true } : {}),
    metricValue,
    ...(defaultValue !== undefined ? { defaultValue: defaultValue as number } : {}),
    title: text('title', false) ?? id,
    severity: severity as Severity,
    alert: { enabled: alert, ...(windowSeconds !== undefined ? { windowSeconds: windowSeconds as number } : {}) },
  });
}

/**
 * `1` (the default), another number, a `$.field` selector (JSON patterns) or a `$name` field
 * (space-delimited patterns), as a metric filter's MetricValue.
 */
function parseMetricValue(value: unknown, name: string, compiled: CompiledFilterPattern): number | string {
  if (value === undefined) return 1;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim().startsWith('$.') && compiled.kind === PatternKind.Json) {
    try {
      compileValueSelector(value.trim());
    } catch (error) {
      if (!(error instanceof FilterPatternSyntaxError)) throw error;
      throw new RuleFileError(name, 'metricValue', error.reason, error.column, { cause: error });
    }
    return value.trim();
  }
  if (typeof value === 'string' && value.trim().startsWith('$')) {
    try {
      metricValueOf(compiled, value.trim());
    } catch (error) {
      if (!(error instanceof MetricValueError)) throw error;
      throw new RuleFileError(name, 'metricValue', error.reason, undefined, { cause: error });
    }
    return value.trim();
  }
  throw new RuleFileError(name, 'metricValue', 'expected a number, a $.field selector (JSON patterns) or a $name field (space-delimited patterns)');
}
