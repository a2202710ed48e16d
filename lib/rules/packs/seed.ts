/** Namespace of the seed's metric filters (DEVELOPERS.md, aws-facts §1.7). */
export const DEFAULT_METRIC_NAMESPACE = 'CloudTrailMetrics';

export const RuleId = {
  RootAccountUsage: 'RootAccountUsage',
  ApiActivityWithoutMFA: 'ApiActivityWithoutMFA',
  ConsoleSignInWithoutMfa: 'ConsoleSignInWithoutMfa',
} as const;
export type RuleId = (typeof RuleId)[keyof typeof RuleId];

/** A metric filter as plain data: what AWS's console shows for it. */
export interface RuleDefinition {
  /** The metric filter's name. */
  readonly id: RuleId;
  readonly metricName: string;
  readonly namespace: string;
  readonly metricValue: 1;
  /** The filter pattern, verbatim as published; auditors compare it character for character. */
  readonly pattern: string;
  /** One line for humans: what a match means. */
  readonly title: string;
}

/** The seed's three metric filters, verbatim. */
export const RULE_DEFINITIONS: readonly RuleDefinition[] = Object.freeze([
  {
    id: RuleId.RootAccountUsage,
    metricName: 'RootAccountUsageCount',
    namespace: DEFAULT_METRIC_NAMESPACE,
    metricValue: 1,
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    title: 'Root account used',
  },
  {
    id: RuleId.ApiActivityWithoutMFA,
    metricName: 'ApiActivityWithoutMFACount',
    namespace: DEFAULT_METRIC_NAMESPACE,
    metricValue: 1,
    pattern: '{ $.userIdentity.sessionContext.attributes.mfaAuthenticated != "true" }',
    title: 'API activity without MFA',
  },
  {
    id: RuleId.ConsoleSignInWithoutMfa,
    metricName: 'ConsoleSignInWithoutMfaCount',
    namespace: DEFAULT_METRIC_NAMESPACE,
    metricValue: 1,
    pattern: '{ $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed = "No" }',
    title: 'Console sign-in without MFA',
  },
] as const);
