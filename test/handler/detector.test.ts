import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { type Summary, summaryMessages } from '../../lib/pipeline';
import { awslogsEvent } from '../../support/awslogs';
import { fixture, RECORD_FIXTURES } from '../fixtures/records';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alerts';

type Handler = (event: CloudWatchLogsEvent) => Promise<Summary>;
type CloudWatchModule = typeof import('@aws-sdk/client-cloudwatch');
type SnsModule = typeof import('@aws-sdk/client-sns');

let cloudwatch: AwsClientStub<CloudWatchClient>;
let sns: AwsClientStub<SNSClient>;
let cw: CloudWatchModule;
let snsModule: SnsModule;
let setup: (cw: CloudWatchModule, sns: SnsModule) => void = () => undefined;

/**
 * Loads the handler afresh under this environment, as a cold start would. The registry is
 * reset and the SDK loaded first, so the mocks apply to the clients and commands the
 * handler creates lazily, at invocation time.
 */
function loadHandler(env: Record<string, string>): Handler {
  const saved = { ...process.env };
  Object.assign(process.env, { LOG_LEVEL: 'SILENT', ...env });
  try {
    jest.resetModules();
    cw = require('@aws-sdk/client-cloudwatch') as CloudWatchModule;
    snsModule = require('@aws-sdk/client-sns') as SnsModule;
    cloudwatch = mockClient(cw.CloudWatchClient);
    sns = mockClient(snsModule.SNSClient);
    cloudwatch.on(cw.PutMetricDataCommand).resolves({});
    sns.on(snsModule.PublishCommand).resolves({ MessageId: 'm-1' });
    sns.on(snsModule.PublishBatchCommand).callsFake((input: { PublishBatchRequestEntries: { Id: string }[] }) => ({
      Successful: input.PublishBatchRequestEntries.map((e) => ({ Id: e.Id, MessageId: e.Id })),
      Failed: [],
    }));
    setup(cw, snsModule);
    return (require('../../handlers/detector') as { handler: Handler }).handler;
  } finally {
    process.env = saved;
  }
}

const recent = Date.now() - 60_000;
const records = (...names: string[]) => names.map((name, i) => ({ message: fixture(name).record, timestamp: recent + i }));

afterEach(() => {
  setup = () => undefined;
});

describe('handler', () => {
  it('counts, publishes one PutMetricData and alerts with PublishBatch', async () => {
    const handler = loadHandler({ ALERT_TOPIC_ARN: TOPIC });
    const summary = await handler(awslogsEvent(records('root-console-no-mfa', 'assumed-role-api-no-mfa', 'iam-user-console-mfa')));
    expect(summary).toMatchObject({
      logEvents: 3,
      rejected: 0,
      duplicates: 0,
      matched: { RootAccountUsage: 1, ApiActivityWithoutMFA: 1, ConsoleSignInWithoutMfa: 1 },
      notifications: 3,
      dryRun: false,
    });
    expect(cloudwatch.commandCalls(cw.PutMetricDataCommand)).toHaveLength(1);
    expect(cloudwatch.commandCalls(cw.PutMetricDataCommand)[0]?.args[0].input).toEqual(summary.metrics[0]);
    expect(sns.commandCalls(snsModule.PublishBatchCommand)).toHaveLength(1);
    expect(sns.commandCalls(snsModule.PublishCommand)).toHaveLength(0);
    expect(sns.commandCalls(snsModule.PublishBatchCommand)[0]?.args[0].input).toEqual(summary.messages[0]);
  });

  it('makes no AWS call at all in dry-run mode but builds the same inputs', async () => {
    const live = await loadHandler({ ALERT_TOPIC_ARN: TOPIC })(awslogsEvent(records('root-console-no-mfa')));
    expect(cloudwatch.calls()).toHaveLength(1);
    const dry = await loadHandler({ ALERT_TOPIC_ARN: TOPIC, DRY_RUN: 'true' })(awslogsEvent(records('root-console-no-mfa')));
    expect(cloudwatch.calls()).toHaveLength(0);
    expect(sns.calls()).toHaveLength(0);
    expect({ ...dry, dryRun: false }).toEqual(live);
  });

  it('never loads the AWS SDK when there is nothing to send (cold start stays small)', async () => {
    jest.resetModules();
    jest.doMock('../../lib/aws/sdk', () => {
      throw new Error('the SDK was loaded');
    });
    try {
      Object.assign(process.env, { LOG_LEVEL: 'SILENT', ALERT_TOPIC_ARN: TOPIC });
      const { handler } = require('../../handlers/detector') as { handler: Handler };
      await expect(handler(awslogsEvent(records('iam-user-console-mfa')))).resolves.toMatchObject({ notifications: 0 });
      await expect(handler(awslogsEvent(records('root-api-access-key')))).rejects.toThrow('the SDK was loaded');
    } finally {
      jest.dontMock('../../lib/aws/sdk');
      delete process.env.ALERT_TOPIC_ARN;
    }
  });

  it('skips a CONTROL_MESSAGE with zero counts and no AWS calls', async () => {
    const summary = await loadHandler({ ALERT_TOPIC_ARN: TOPIC })(awslogsEvent([], { messageType: 'CONTROL_MESSAGE' }));
    expect(summary).toMatchObject({ logEvents: 0, rejected: 0, notifications: 0, metrics: [], messages: [] });
    expect(cloudwatch.calls()).toHaveLength(0);
    expect(sns.calls()).toHaveLength(0);
  });

  it('makes no AWS call for a benign batch', async () => {
    const summary = await loadHandler({ ALERT_TOPIC_ARN: TOPIC })(awslogsEvent(records('iam-user-console-mfa', 'kms-service-event')));
    expect(summary.notifications).toBe(0);
    expect(cloudwatch.calls()).toHaveLength(0);
    expect(sns.calls()).toHaveLength(0);
  });

  it('throws a PayloadDecodeError for a batch it cannot read', async () => {
    await expect(loadHandler({ ALERT_TOPIC_ARN: TOPIC })({ awslogs: { data: 'bm90IGd6aXA=' } })).rejects.toMatchObject({
      name: 'PayloadDecodeError',
      reason: 'not-gzip',
    });
  });

  it('does not publish metrics in native mode but still alerts', async () => {
    const summary = await loadHandler({ ALERT_TOPIC_ARN: TOPIC, PUBLISH_METRICS: 'false' })(awslogsEvent(records('root-api-access-key')));
    expect(summary.metrics).toEqual([]);
    expect(cloudwatch.calls()).toHaveLength(0);
    expect(sns.commandCalls(snsModule.PublishCommand)).toHaveLength(1);
  });

  it('throws a DeliveryError when PutMetricData fails, after still sending the alerts', async () => {
    setup = (module) => cloudwatch.on(module.PutMetricDataCommand).rejects(new Error('InvalidParameterValue'));
    await expect(loadHandler({ ALERT_TOPIC_ARN: TOPIC })(awslogsEvent(records('root-api-access-key')))).rejects.toMatchObject({
      name: 'DeliveryError',
      failures: [{ sink: 'metrics' }],
    });
    expect(sns.commandCalls(snsModule.PublishCommand)).toHaveLength(1);
  });

  it('throws when a PublishBatch entry fails', async () => {
    setup = (_cw, module) =>
      sns
        .on(module.PublishBatchCommand)
        .resolves({ Successful: [{ Id: 'alert-0', MessageId: 'x' }], Failed: [{ Id: 'alert-1', Code: 'InternalError', SenderFault: false }] });
    await expect(loadHandler({ ALERT_TOPIC_ARN: TOPIC })(awslogsEvent(records('root-console-no-mfa', 'assumed-role-api-no-mfa')))).rejects.toMatchObject({
      name: 'DeliveryError',
      failures: [{ sink: 'sns', error: { name: 'PartialPublishError', sent: 1 } }],
    });
  });

  it('names the namespace it actually publishes to in the alert (METRIC_NAMESPACE)', async () => {
    const summary = await loadHandler({ ALERT_TOPIC_ARN: TOPIC, METRIC_NAMESPACE: 'SecOps/Trail' })(awslogsEvent(records('root-api-access-key')));
    expect(summary.metrics[0]?.Namespace).toBe('SecOps/Trail');
    const [message] = summaryMessages(summary);
    expect(message?.Message).toContain('Metric: SecOps/Trail/RootAccountUsageCount');
    expect(message?.Message).not.toContain('CloudTrailMetrics');
  });

  it('fails at cold start on a bad setting', () => {
    expect(() => loadHandler({ ALERT_TOPIC_ARN: 'nope' })).toThrow('Invalid ALERT_TOPIC_ARN');
  });

  it('matches the fixtures’ expected counts end to end', async () => {
    const summary = await loadHandler({ DRY_RUN: 'true' })(awslogsEvent(RECORD_FIXTURES.map((f, i) => ({ message: f.record, timestamp: recent + i }))));
    for (const id of ['RootAccountUsage', 'ApiActivityWithoutMFA', 'ConsoleSignInWithoutMfa'] as const) {
      expect(summary.matched[id]).toBe(RECORD_FIXTURES.filter((f) => f.expected[id]).length);
    }
  });
});
