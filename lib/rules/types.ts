import { type CompiledFilterPattern, type JsonFilterPattern, PatternKind } from '../filter-pattern';

/** How urgent a rule's alert is, most urgent first: the per-invocation cap is filled in this order. */
export const Severity = {
  Critical: 'critical',
  High: 'high',
  Medium: 'medium',
  Low: 'low',
  Informational: 'informational',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** Lower ranks first. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.freeze({
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  informational: 4,
});

/** What to do with a rule's matches beyond counting them. */
export interface AlertSettings {
  /** False: the rule only counts (metric and summary), and never alerts. */
  readonly enabled: boolean;
  /**
   * Seconds during which a (rule, principal) pair alerts once. Unset: the ALERT_WINDOW_SECONDS
   * setting, except for critical rules, which alert on every invocation (0).
   */
  readonly windowSeconds?: number;
}

/** A metric filter as plain data: what AWS's console shows for it, plus how to alert. */
export interface RuleDefinition {
  /** Unique across the enabled packs; the metric filter's name and the summary's `matched` key. */
  readonly id: string;
  /** The pack the rule comes from. */
  readonly pack: string;
  /** The filter pattern, verbatim as published; auditors compare it character for character. */
  readonly pattern: string;
  readonly metricName: string;
  readonly namespace: string;
  /**
   * The metric value published per match: a number (`MetricValue: '1'`), or a `$.field`
   * selector whose numeric value is published, as a metric filter's MetricValue allows.
   */
  readonly metricValue: number | string;
  /** A metric filter's DefaultValue: emitted for log events that do not match (native metric filters only). */
  readonly defaultValue?: number;
  /** True when the rule names its own namespace, which METRIC_NAMESPACE does not replace. */
  readonly ownNamespace?: boolean;
  /** One line for humans: what a match means. */
  readonly title: string;
  readonly severity: Severity;
  readonly alert: AlertSettings;
}

/** A list of rules that are deployed together. */
export interface RulePack {
  readonly id: string;
  readonly rules: readonly RuleDefinition[];
}

/** A rule with its pattern compiled. */
export interface Rule extends RuleDefinition {
  readonly compiled: CompiledFilterPattern;
  /**
   * For a `$.field` (or, on a space-delimited pattern, `$name`) metric value: the value to
   * publish for a match, or undefined when it has none.
   */
  readonly metricValueOf?: (record: unknown, message?: string) => number | undefined;
}

/** Per-rule counters, keyed by rule id. */
export type RuleCounts = Record<string, number>;

/** A rule whose pattern is a JSON pattern: it can be tested on a parsed record. */
export type JsonRule = Rule & { readonly compiled: JsonFilterPattern };

export function isJsonRule(rule: Rule): rule is JsonRule {
  return rule.compiled.kind === PatternKind.Json;
}
