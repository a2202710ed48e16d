export { addCounts, type CompileRulesOptions, compileRules, emptyRuleCounts, RULES } from './compiled';
export {
  type BatchEvaluation,
  BatchEvaluator,
  type EvaluateOptions,
  evaluateBatch,
  MAX_REPORTED_PROBLEMS,
  type Match,
  type Rejection,
  type RuleFailure,
} from './evaluate';
export {
  CIS_PACK,
  DEFAULT_METRIC_NAMESPACE,
  DEFAULT_RULE_PACKS,
  PACKS,
  parsePackIds,
  RULE_DEFINITIONS,
  RuleId,
  rulesOfPacks,
  SEED_PACK,
  type SeedRuleId,
} from './packs';
export { buildPrecheck, looksLikeObject } from './precheck';
export { subscriptionFilterPattern } from './prefilter';
export {
  type AlertSettings,
  isJsonRule,
  type JsonRule,
  type Rule,
  type RuleCounts,
  type RuleDefinition,
  type RulePack,
  SEVERITY_RANK,
  Severity,
} from './types';
export { DEFAULT_RULES_FILE, parseUserRules, RuleFileError, USER_PACK } from './user';
