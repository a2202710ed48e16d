import type { CompiledFilterPattern } from '../filter-pattern';

/** What to do with a rule's matches beyond counting them. */
export interface AlertSettings {
  /** False: the rule only counts (metric and summary), and never alerts. */
  readonly enabled: boolean;
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
  /** The metric value published per match (`MetricValue: '1'`). */
  readonly metricValue: number;
  /** One line for humans: what a match means. */
  readonly title: string;
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
}

/** Per-rule counters, keyed by rule id. */
export type RuleCounts = Record<string, number>;
