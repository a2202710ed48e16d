import { type RulePack, Severity } from '../types';

/**
 * Namespace of the seed's metric filters, as AWS's CloudTrail alarm examples publish them.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
 */
export const DEFAULT_METRIC_NAMESPACE = 'CloudTrailMetrics';

/** The seed rules' ids. Other packs add their own; a rule id is any string. */
export const RuleId = {
  RootAccountUsage: 'RootAccountUsage',
  ApiActivityWithoutMFA: 'ApiActivityWithoutMFA',
  ConsoleSignInWithoutMfa: 'ConsoleSignInWithoutMfa',
} as const;
export type SeedRuleId = (typeof RuleId)[keyof typeof RuleId];

/** The seed's three metric filters, verbatim: the default pack. */
export const SEED_PACK: RulePack = Object.freeze({
  id: 'seed',
  rules: Object.freeze([
    {
      id: RuleId.RootAccountUsage,
      pack: 'seed',
      metricName: 'RootAccountUsageCount',
      namespace: DEFAULT_METRIC_NAMESPACE,
      metricValue: 1,
      pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
      title: 'Root account used',
      severity: Severity.Critical,
      alert: { enabled: true },
    },
    {
      id: RuleId.ApiActivityWithoutMFA,
      pack: 'seed',
      metricName: 'ApiActivityWithoutMFACount',
      namespace: DEFAULT_METRIC_NAMESPACE,
      metricValue: 1,
      pattern: '{ $.userIdentity.sessionContext.attributes.mfaAuthenticated != "true" }',
      title: 'API activity without MFA',
      severity: Severity.Medium,
      alert: { enabled: true },
    },
    {
      id: RuleId.ConsoleSignInWithoutMfa,
      pack: 'seed',
      metricName: 'ConsoleSignInWithoutMfaCount',
      namespace: DEFAULT_METRIC_NAMESPACE,
      metricValue: 1,
      pattern: '{ $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed = "No" }',
      title: 'Console sign-in without MFA',
      severity: Severity.High,
      alert: { enabled: true },
    },
  ]),
});

/** The seed pack's rule definitions. */
export const RULE_DEFINITIONS = SEED_PACK.rules;
