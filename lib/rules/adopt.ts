import { compileFilterPattern, FilterPatternSyntaxError, MetricValueError, metricValueOf } from '../filter-pattern';
import { parseUserRules } from './user';

/** A metric filter as DescribeMetricFilters returns it (only the fields adopt reads). */
export interface ExistingMetricFilter {
  readonly filterName?: string;
  readonly filterPattern?: string;
  readonly metricTransformations?: readonly {
    readonly metricName?: string;
    readonly metricNamespace?: string;
    readonly metricValue?: string;
    readonly defaultValue?: number;
    readonly dimensions?: Readonly<Record<string, string>>;
    readonly unit?: string;
  }[];
}

/** One entry of rules.yml, as adopt writes it. */
export interface AdoptedRule {
  readonly id: string;
  readonly pattern: string;
  readonly metricName: string;
  readonly namespace: string;
  readonly metricValue: number | string;
  readonly defaultValue?: number;
  readonly severity: string;
  readonly alert: boolean;
  readonly title: string;
}

export interface Adoption {
  readonly rules: readonly AdoptedRule[];
  /** The filters (or transformations) that trailwatch cannot reproduce exactly, and why. */
  readonly leftOut: readonly { readonly filterName: string; readonly reason: string }[];
  /** The adopted filters' names, to delete once trailwatch counts instead. */
  readonly adoptedFilterNames: readonly string[];
}

const ID_UNSAFE = /[^A-Za-z0-9._-]/g;

/**
 * Turns a log group's metric filters into rules.yml entries that count exactly what they
 * count, or leaves a filter out with the reason: a pattern or metric value the engine
 * cannot reproduce, dimensions or a unit (trailwatch publishes neither). Never approximates.
 * Every entry is then checked as rules.yml is at package time.
 */
export function adoptMetricFilters(
  filters: readonly ExistingMetricFilter[],
  reservedIds: readonly string[],
  options: { readonly severity?: string; readonly alert?: boolean } = {},
): Adoption {
  const rules: AdoptedRule[] = [];
  const leftOut: { filterName: string; reason: string }[] = [];
  const adopted = new Set<string>();
  const taken = new Set(reservedIds);
  for (const filter of filters) {
    const filterName = filter.filterName ?? '(unnamed)';
    const pattern = filter.filterPattern ?? '';
    let compiled: ReturnType<typeof compileFilterPattern>;
    try {
      compiled = compileFilterPattern(pattern);
    } catch (error) {
      if (!(error instanceof FilterPatternSyntaxError)) throw error;
      leftOut.push({ filterName, reason: `pattern not reproducible: ${error.reason} at column ${error.column}` });
      continue;
    }
    const transformations = filter.metricTransformations ?? [];
    transformations.forEach((t, index) => {
      const name = transformations.length > 1 ? `${filterName} (metric ${index + 1})` : filterName;
      if (t.dimensions && Object.keys(t.dimensions).length > 0) {
        leftOut.push({ filterName: name, reason: `dimensions (${Object.keys(t.dimensions).join(', ')}): trailwatch publishes metrics without dimensions` });
        return;
      }
      if (t.unit !== undefined && t.unit !== 'None') {
        leftOut.push({ filterName: name, reason: `unit ${t.unit}: trailwatch publishes metrics without a unit` });
        return;
      }
      if (!t.metricName || !t.metricNamespace) {
        leftOut.push({ filterName: name, reason: 'no metric name or namespace' });
        return;
      }
      const rawValue = (t.metricValue ?? '1').trim();
      const metricValue = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(rawValue) ? Number(rawValue) : rawValue;
      try {
        metricValueOf(compiled, metricValue);
      } catch (error) {
        if (!(error instanceof MetricValueError)) throw error;
        leftOut.push({ filterName: name, reason: `metric value not reproducible: ${error.reason}` });
        return;
      }
      const id = uniqueId(transformations.length > 1 ? `${filterName}-${index + 1}` : filterName, taken);
      rules.push({
        id,
        pattern,
        metricName: t.metricName,
        namespace: t.metricNamespace,
        metricValue,
        ...(t.defaultValue !== undefined ? { defaultValue: t.defaultValue } : {}),
        severity: options.severity ?? 'medium',
        alert: options.alert ?? false,
        title: `Adopted metric filter ${filterName}`,
      });
      adopted.add(filterName);
    });
  }
  // The same checks as rules.yml at package time: what adopt writes always deploys.
  parseUserRules(rules, reservedIds, 'CloudTrailMetrics');
  return { rules, leftOut, adoptedFilterNames: [...adopted] };
}

function uniqueId(name: string, taken: Set<string>): string {
  let base =
    name
      .replace(ID_UNSAFE, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 60) || 'filter';
  if (taken.has(base)) base = `${base.slice(0, 56)}-adopted`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 60)}-${n}`;
  taken.add(id);
  return id;
}
