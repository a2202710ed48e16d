import { ConfigError, DRY_RUN_TOPIC_ARN, loadConfig, PARAMS, validateParams } from '../lib/config';

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:security-alerts';

describe('loadConfig', () => {
  it('applies the defaults and freezes the result', () => {
    const config = loadConfig({ ALERT_TOPIC_ARN: TOPIC });
    expect(config).toEqual({
      alertTopicArn: TOPIC,
      metricNamespace: 'CloudTrailMetrics',
      publishMetrics: true,
      notificationCap: 20,
      maxBatchBytes: 33554432,
      dryRun: false,
      logLevel: 'INFO',
      region: undefined,
      alertWindowSeconds: 3600,
      stateTableName: undefined,
      suppressions: null,
      rulePacks: ['seed'],
      userRules: null,
      chatTopicArn: undefined,
      securityHub: undefined,
      eventBusName: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every setting', () => {
    expect(
      loadConfig({
        ALERT_TOPIC_ARN: TOPIC,
        METRIC_NAMESPACE: 'Security/CloudTrail',
        PUBLISH_METRICS: 'false',
        NOTIFICATION_CAP: '50',
        DRY_RUN: 'true',
        MAX_BATCH_BYTES: '1048576',
        LOG_LEVEL: 'debug',
        AWS_REGION: 'eu-west-1',
        ALERT_WINDOW_SECONDS: '0',
        STATE_TABLE_NAME: 'trailwatch-prod-state',
        TRAILWATCH_SUPPRESSIONS: '[{"id":"x"}]',
        RULE_PACKS: 'seed,cis',
        TRAILWATCH_RULES: '[]',
        CHAT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:chat',
        SECURITY_HUB: 'true',
        SECURITY_HUB_PRODUCT_ARN: 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default',
        EVENT_BUS_NAME: 'security',
      }),
    ).toEqual({
      alertTopicArn: TOPIC,
      metricNamespace: 'Security/CloudTrail',
      publishMetrics: false,
      notificationCap: 50,
      maxBatchBytes: 1048576,
      dryRun: true,
      logLevel: 'DEBUG',
      region: 'eu-west-1',
      alertWindowSeconds: 0,
      stateTableName: 'trailwatch-prod-state',
      suppressions: [{ id: 'x' }],
      rulePacks: ['seed', 'cis'],
      userRules: [],
      chatTopicArn: 'arn:aws:sns:eu-west-1:111122223333:chat',
      securityHub: {
        productArn: 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default',
        partition: 'aws',
        region: 'eu-west-1',
        accountId: '111122223333',
      },
      eventBusName: 'security',
    });
  });

  it('needs no topic in dry-run mode', () => {
    expect(loadConfig({ DRY_RUN: 'true' }).alertTopicArn).toBe(DRY_RUN_TOPIC_ARN);
  });

  it.each([
    [{}, 'ALERT_TOPIC_ARN'],
    [{ ALERT_TOPIC_ARN: 'my-topic' }, 'ALERT_TOPIC_ARN'],
    [{ ALERT_TOPIC_ARN: `${TOPIC}.fifo` }, 'ALERT_TOPIC_ARN'],
    [{ ALERT_TOPIC_ARN: TOPIC, METRIC_NAMESPACE: 'AWS/Logs' }, 'METRIC_NAMESPACE'],
    [{ ALERT_TOPIC_ARN: TOPIC, METRIC_NAMESPACE: ':x' }, 'METRIC_NAMESPACE'],
    [{ ALERT_TOPIC_ARN: TOPIC, METRIC_NAMESPACE: 'x'.repeat(256) }, 'METRIC_NAMESPACE'],
    [{ ALERT_TOPIC_ARN: TOPIC, NOTIFICATION_CAP: '0' }, 'NOTIFICATION_CAP'],
    [{ ALERT_TOPIC_ARN: TOPIC, NOTIFICATION_CAP: '51' }, 'NOTIFICATION_CAP'],
    [{ ALERT_TOPIC_ARN: TOPIC, NOTIFICATION_CAP: '2.5' }, 'NOTIFICATION_CAP'],
    [{ ALERT_TOPIC_ARN: TOPIC, NOTIFICATION_CAP: 'ten' }, 'NOTIFICATION_CAP'],
    [{ ALERT_TOPIC_ARN: TOPIC, MAX_BATCH_BYTES: '1000' }, 'MAX_BATCH_BYTES'],
    [{ ALERT_TOPIC_ARN: TOPIC, DRY_RUN: 'yes' }, 'DRY_RUN'],
    [{ ALERT_TOPIC_ARN: TOPIC, PUBLISH_METRICS: '1' }, 'PUBLISH_METRICS'],
    [{ ALERT_TOPIC_ARN: TOPIC, LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ ALERT_TOPIC_ARN: TOPIC, ALERT_WINDOW_SECONDS: '604801' }, 'ALERT_WINDOW_SECONDS'],
    [{ ALERT_TOPIC_ARN: TOPIC, ALERT_WINDOW_SECONDS: '-1' }, 'ALERT_WINDOW_SECONDS'],
    [{ ALERT_TOPIC_ARN: TOPIC, STATE_TABLE_NAME: 'a b' }, 'STATE_TABLE_NAME'],
    [{ ALERT_TOPIC_ARN: TOPIC, RULE_PACKS: 'seed,pci' }, 'RULE_PACKS'],
    [{ ALERT_TOPIC_ARN: TOPIC, TRAILWATCH_RULES: '{oops' }, 'TRAILWATCH_RULES'],
    [{ ALERT_TOPIC_ARN: TOPIC, RULE_PACKS: 'seed,seed' }, 'RULE_PACKS'],
    [{ ALERT_TOPIC_ARN: TOPIC, TRAILWATCH_SUPPRESSIONS: '[not json' }, 'TRAILWATCH_SUPPRESSIONS'],
    [{ ALERT_TOPIC_ARN: TOPIC, CHAT_TOPIC_ARN: 'slack' }, 'CHAT_TOPIC_ARN'],
    [{ ALERT_TOPIC_ARN: TOPIC, SECURITY_HUB: 'on' }, 'SECURITY_HUB'],
    [{ ALERT_TOPIC_ARN: TOPIC, SECURITY_HUB: 'true' }, 'SECURITY_HUB_PRODUCT_ARN'],
    [
      { ALERT_TOPIC_ARN: TOPIC, SECURITY_HUB: 'true', SECURITY_HUB_PRODUCT_ARN: 'arn:aws:securityhub:eu-west-1:111122223333:product/999999999999/default' },
      'SECURITY_HUB_PRODUCT_ARN',
    ],
    [{ ALERT_TOPIC_ARN: TOPIC, EVENT_BUS_NAME: 'a b' }, 'EVENT_BUS_NAME'],
    [{ ALERT_TOPIC_ARN: TOPIC, EVENT_BUS_NAME: 'arn:aws:events:eu-west-1:1:event-bus/x' }, 'EVENT_BUS_NAME'],
  ])('rejects %j with a ConfigError naming %s', (env, variable) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toContain(variable);
  });
});

describe('validateParams: the package-time check of every --param', () => {
  const DEFAULTS = {
    logGroupName: 'aws-cloudtrail-logs',
    alertTopicArn: '',
    alertEmail: '',
    metricNamespace: 'CloudTrailMetrics',
    notificationCap: '20',
    nativeMetricFilters: 'false',
    alarmPeriodSeconds: '300',
    alarmEvaluationPeriods: '1',
    alarmThreshold: '1',
    logRetentionDays: '90',
    logLevel: 'INFO',
    dryRun: 'false',
    alertWindowSeconds: '3600',
    suppressionsFile: 'suppressions.yml',
    rulePacks: 'seed',
    rulesFile: 'rules.yml',
    source: 'cloudwatch',
    kinesisShards: '0',
    batchSize: '100',
    batchWindowSeconds: '1',
    parallelizationFactor: '1',
    maximumRetryAttempts: '2',
    maximumRecordAgeSeconds: '3600',
    destinationAccounts: '',
    destinationOrgId: '',
    chatTopicArn: '',
    securityHub: 'false',
    eventBusName: '',
  };

  it('accepts the defaults, with no topic (the stack creates one)', () => {
    expect(() => validateParams(DEFAULTS)).not.toThrow();
    expect(Object.keys(PARAMS).sort()).toEqual(Object.keys(DEFAULTS).sort());
  });

  it.each([
    ['notificationCap', '500', 'Invalid --param notificationCap="500" (NOTIFICATION_CAP): expected a whole number from 1 to 50'],
    ['logLevel', 'VERBOSE', 'Invalid --param logLevel="VERBOSE" (LOG_LEVEL): expected DEBUG, INFO, WARN, ERROR, SILENT'],
    ['alertTopicArn', 'not-an-arn', 'Invalid --param alertTopicArn="not-an-arn" (ALERT_TOPIC_ARN): expected a standard SNS topic ARN'],
    ['dryRun', 'yes', 'Invalid --param dryRun="yes" (DRY_RUN): expected "true" or "false"'],
    ['metricNamespace', 'AWS/Mine', 'Invalid --param metricNamespace="AWS/Mine" (METRIC_NAMESPACE)'],
    ['nativeMetricFilters', 'yes', 'Invalid --param nativeMetricFilters="yes": expected "true" or "false"'],
    ['alarmPeriodSeconds', '45', 'Invalid --param alarmPeriodSeconds="45": expected 10, 30 or a multiple of 60'],
    ['alarmEvaluationPeriods', '0', 'Invalid --param alarmEvaluationPeriods="0": expected a whole number from 1 to 1440'],
    ['alarmThreshold', 'high', 'Invalid --param alarmThreshold="high": expected a number'],
    ['logRetentionDays', '42', 'Invalid --param logRetentionDays="42": expected one of 1, 3, 5'],
    ['alertEmail', 'not-an-email', 'Invalid --param alertEmail="not-an-email": expected an e-mail address'],
    ['logGroupName', 'bad name!', 'Invalid --param logGroupName="bad name!": expected a log group name'],
    ['alertWindowSeconds', '1w', 'Invalid --param alertWindowSeconds="1w" (ALERT_WINDOW_SECONDS): expected a whole number from 0 to 604800'],
    ['suppressionsFile', '', 'Invalid --param suppressionsFile="": expected a path to a suppressions file'],
    ['source', 'sqs', 'Invalid --param source="sqs": expected cloudwatch, kinesis or eventbridge'],
    ['kinesisShards', '-1', 'Invalid --param kinesisShards="-1": expected a whole number from 0 to 500'],
    ['batchSize', '10001', 'Invalid --param batchSize="10001": expected a whole number from 1 to 10000'],
    ['batchWindowSeconds', '301', 'Invalid --param batchWindowSeconds="301": expected a whole number from 0 to 300'],
    ['parallelizationFactor', '11', 'Invalid --param parallelizationFactor="11": expected a whole number from 1 to 10'],
    ['maximumRecordAgeSeconds', '59', 'Invalid --param maximumRecordAgeSeconds="59": expected a whole number from 60 to 604800'],
    ['chatTopicArn', 'slack', 'Invalid --param chatTopicArn="slack": expected an SNS topic ARN (mapped to AWS Chatbot), "create"'],
    ['securityHub', 'yes', 'Invalid --param securityHub="yes" (SECURITY_HUB): expected "true" or "false"'],
    ['eventBusName', 'bad bus', 'Invalid --param eventBusName="bad bus" (EVENT_BUS_NAME): expected an event bus name'],
    ['destinationAccounts', '1234', 'Invalid --param destinationAccounts="1234": expected comma-separated 12-digit account ids'],
    ['destinationOrgId', 'org-1', 'Invalid --param destinationOrgId="org-1": expected an organization id'],
  ])('rejects %s=%s, naming the param, the value and what is expected', (param, value, message) => {
    let thrown: unknown;
    try {
      validateParams({ ...DEFAULTS, [param]: value }, [param]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).param).toBe(param);
    expect((thrown as ConfigError).message.startsWith(message)).toBe(true);
  });

  it('rejects an unknown --param name and lists the known ones', () => {
    expect(() => validateParams(DEFAULTS, ['logGroupName', 'alertTopc'])).toThrow(
      `Unknown --param alertTopc: expected one of the known params: ${Object.keys(PARAMS).join(', ')}`,
    );
  });
});
