import type { RuleDefinition } from '../rules';

/** The values of the params that shape each rule's resources. */
export interface RuleResourceSettings {
  readonly logGroupName: string;
  /** Replaces each rule's namespace (the metricNamespace param). */
  readonly namespace: string;
  readonly alarmPeriodSeconds: number;
  readonly alarmEvaluationPeriods: number;
  readonly alarmThreshold: number;
}

/** A CloudFormation logical id for a rule: its id without the characters CloudFormation refuses. */
export function logicalId(ruleId: string): string {
  return ruleId.replace(/[^A-Za-z0-9]/g, '');
}

/** The alert topic: created by the stack, or the one given with --param alertTopicArn. */
const TOPIC_ARN = { 'Fn::If': ['CreateAlertTopic', { Ref: 'AlertTopic' }, { Ref: 'AlertTopicArn' }] };

/**
 * Per rule: the native `AWS::Logs::MetricFilter` (only in native mode, condition
 * `NativeMetricFilters`) and the alarm on its metric. Generated from the rule data, so the
 * stack can never drift from the rules the function evaluates.
 */
export function ruleResources(rules: readonly RuleDefinition[], settings: RuleResourceSettings): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  const ids = new Set<string>();
  for (const rule of rules) {
    const id = logicalId(rule.id);
    if (ids.has(id)) throw new Error(`rules ${rule.id} and another rule map to the same logical id ${id}`);
    ids.add(id);
    resources[`${id}MetricFilter`] = {
      Type: 'AWS::Logs::MetricFilter',
      Condition: 'NativeMetricFilters',
      Properties: {
        FilterName: rule.id,
        LogGroupName: settings.logGroupName,
        FilterPattern: rule.pattern,
        MetricTransformations: [
          {
            MetricNamespace: rule.ownNamespace ? rule.namespace : settings.namespace,
            MetricName: rule.metricName,
            MetricValue: String(rule.metricValue),
            ...(rule.defaultValue !== undefined ? { DefaultValue: rule.defaultValue } : {}),
          },
        ],
      },
    };
    resources[`${id}Alarm`] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: { 'Fn::Sub': `\${AWS::StackName}-${rule.id}` },
        AlarmDescription: `${rule.title} (metric filter ${rule.id}, pack ${rule.pack})`,
        Namespace: rule.ownNamespace ? rule.namespace : settings.namespace,
        MetricName: rule.metricName,
        Statistic: 'Sum',
        Period: settings.alarmPeriodSeconds,
        EvaluationPeriods: settings.alarmEvaluationPeriods,
        Threshold: settings.alarmThreshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [TOPIC_ARN],
      },
    };
  }
  return resources;
}
