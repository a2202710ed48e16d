import { ConfigError, DRY_RUN_TOPIC_ARN, loadConfig } from '../lib/config';

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
