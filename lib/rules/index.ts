export { type CompileRulesOptions, compileRules, emptyRuleCounts, RULES } from './compiled';
export { type BatchEvaluation, type EvaluateOptions, evaluateBatch, MAX_REPORTED_PROBLEMS, type Match, type Rejection, type RuleFailure } from './evaluate';
export { DEFAULT_METRIC_NAMESPACE, RULE_DEFINITIONS, RuleId, SEED_PACK, type SeedRuleId } from './packs/seed';
export { buildPrecheck, looksLikeObject } from './precheck';
export { subscriptionFilterPattern } from './prefilter';
export { type AlertSettings, type Rule, type RuleCounts, type RuleDefinition, type RulePack, SEVERITY_RANK, Severity } from './types';
