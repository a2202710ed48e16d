import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { deliver, type SinkRequests } from '../../lib/sinks';
import { buildEvents } from '../../scripts/build-events';
import { awslogsEvent } from '../../support/awslogs';
import { fixture } from '../fixtures/records';
import { describeWithMoto, destroyClients, drain, endpoint, loadHandler, metricSum, REGION, stateTable, topicWithQueue, unique } from './moto';

const ROOT = join(__dirname, '..', '..');
const recent = (i: number): number => Date.now() - 120_000 + i * 1000;
const withEvents = (names: string[]) => names.map((name, i) => ({ message: fixture(name).record, timestamp: recent(i) }));
const METRICS = {
  RootAccountUsage: 'RootAccountUsageCount',
  ApiActivityWithoutMFA: 'ApiActivityWithoutMFACount',
  ConsoleSignInWithoutMfa: 'ConsoleSignInWithoutMfaCount',
} as const;

/** A session of its own role, so that each session is its own principal (sessions of one role group together). */
function roleRecord(session: string): Record<string, unknown> {
  const record = structuredClone(fixture('assumed-role-api-no-mfa').record) as Record<string, any>;
  record.userIdentity.arn = `arn:aws:sts::111122223333:assumed-role/Role-${session}/${session}`;
  record.userIdentity.sessionContext.sessionIssuer.arn = `arn:aws:iam::111122223333:role/Role-${session}`;
  record.eventID = `evt-${session}`;
  return record;
}

describeWithMoto('against moto_server (real AWS wire protocol)', () => {
  beforeAll(() => {
    process.env.AWS_ENDPOINT_URL = endpoint;
    process.env.AWS_REGION = REGION;
  });
  afterAll(destroyClients);

  it('publishes metrics that GetMetricStatistics sums exactly, and alerts that name who', async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    const namespace = unique('CloudTrailMetrics');
    const handler = loadHandler({ ALERT_TOPIC_ARN: topicArn, METRIC_NAMESPACE: namespace });
    const names = [
      'root-console-no-mfa',
      'root-api-mfa-false',
      'assumed-role-api-no-mfa',
      'iam-user-console-no-mfa',
      'iam-user-console-mfa',
      'kms-service-event',
    ];
    const summary = await handler(awslogsEvent(withEvents(names)));

    const expected = { RootAccountUsage: 2, ApiActivityWithoutMFA: 2, ConsoleSignInWithoutMfa: 2 };
    expect(summary.matched).toEqual(expected);
    for (const [id, metricName] of Object.entries(METRICS)) {
      expect(await metricSum(namespace, metricName)).toBe(expected[id as keyof typeof expected]);
    }

    const delivered = await drain(queueUrl);
    expect(delivered).toHaveLength(summary.notifications);
    const root = delivered.find((m) => m.MessageAttributes.rule?.Value === 'RootAccountUsage');
    expect(root?.Subject).toBe('trailwatch: Root account used: root in 111122223333 (2 events)');
    expect(root?.Message).toContain('arn:aws:iam::111122223333:root');
    expect(root?.Message).toContain('Source IP:        203.0.113.10');
    expect(root?.MessageAttributes).toEqual({
      rule: { Type: 'String', Value: 'RootAccountUsage' },
      account: { Type: 'String', Value: '111122223333' },
      identityType: { Type: 'String', Value: 'Root' },
      principal: { Type: 'String', Value: 'arn:aws:iam::111122223333:root' },
      severity: { Type: 'String', Value: 'critical' },
    });
    const role = delivered.find((m) => m.Message.includes('assumed-role/DeployRole/ci-pipeline-1234'));
    expect(role?.MessageAttributes.rule?.Value).toBe('ApiActivityWithoutMFA');
    expect(delivered.some((m) => m.Message.includes('user/bob') || m.Message.includes('RotateKey'))).toBe(false);
  });

  it('sends nothing and publishes nothing for benign events', async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    const namespace = unique('CloudTrailMetrics');
    const summary = await loadHandler({ ALERT_TOPIC_ARN: topicArn, METRIC_NAMESPACE: namespace })(
      awslogsEvent(withEvents(['iam-user-console-mfa', 'assumed-role-api-mfa', 'kms-service-event', 'root-invoked-by-service'])),
    );
    expect(summary.notifications).toBe(0);
    expect(await drain(queueUrl)).toEqual([]);
    for (const metricName of Object.values(METRICS)) expect(await metricSum(namespace, metricName)).toBe(0);
  });

  it('aggregates per principal and holds the cap over the wire', async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    const namespace = unique('CloudTrailMetrics');
    const records = [
      ...Array.from({ length: 12 }, (_, i) => ({ message: roleRecord(`s${i}`), timestamp: recent(i) })),
      ...Array.from({ length: 4 }, (_, i) => ({ message: { ...roleRecord('s0'), eventID: `again-${i}` }, timestamp: recent(20 + i) })),
    ];
    const summary = await loadHandler({ ALERT_TOPIC_ARN: topicArn, METRIC_NAMESPACE: namespace, NOTIFICATION_CAP: '5' })(awslogsEvent(records));
    expect(summary.matched.ApiActivityWithoutMFA).toBe(16);
    expect(await metricSum(namespace, METRICS.ApiActivityWithoutMFA)).toBe(16);
    const delivered = await drain(queueUrl);
    // 12 principals, cap 5: 5 alerts and one summary of the other 7.
    expect(delivered).toHaveLength(6);
    expect(delivered.filter((m) => m.Subject.includes('(5 events)'))).toHaveLength(1);
    const overflow = delivered.filter((m) => m.MessageAttributes.rule?.Value === 'Overflow');
    expect(overflow).toHaveLength(1);
    expect(overflow[0]?.Subject).toBe('trailwatch: 7 more alerts (7 events) over the cap');
  });

  describe('failures: nothing is silently lost', () => {
    it('Publish to a topic that does not exist throws, after the metrics went out', async () => {
      const namespace = unique('CloudTrailMetrics');
      const missing = `arn:aws:sns:${REGION}:123456789012:${unique('missing')}`;
      const handler = loadHandler({ ALERT_TOPIC_ARN: missing, METRIC_NAMESPACE: namespace });
      await expect(handler(awslogsEvent(withEvents(['root-api-access-key'])))).rejects.toMatchObject({
        name: 'DeliveryError',
        failures: [{ sink: 'sns', error: { name: 'NotFoundException' } }],
      });
      expect(await metricSum(namespace, METRICS.RootAccountUsage)).toBe(1);
    });

    const created: { destroy(): void }[] = [];
    afterAll(() => {
      for (const client of created) client.destroy();
    });
    const clients = () => {
      const pair = {
        cloudwatch: new CloudWatchClient({ region: REGION }),
        sns: new SNSClient({ region: REGION }),
        dynamodb: new DynamoDBClient({ region: REGION }),
      };
      created.push(pair.cloudwatch, pair.sns, pair.dynamodb);
      return pair;
    };
    const plan = (over: Partial<SinkRequests>): SinkRequests => ({ metrics: [], sns: [], chatbot: [], securityHub: [], eventBridge: [], ...over });

    it('a PutMetricData the service rejects throws, and the alerts still go out', async () => {
      const { topicArn, queueUrl } = await topicWithQueue();
      const rejected = plan({
        metrics: [{ Namespace: unique('Bad'), MetricData: [{ MetricName: 'RootAccountUsageCount', Values: [1, 1], Counts: [1] }] }],
        sns: [{ action: 'Publish', input: { TopicArn: topicArn, Subject: 's', Message: 'still delivered' } }],
      });
      await expect(deliver(rejected, clients())).rejects.toMatchObject({
        name: 'DeliveryError',
        failures: [{ sink: 'metrics', error: { name: 'InvalidParameterValueException' } }],
      });
      expect((await drain(queueUrl)).map((m) => m.Message)).toEqual(['still delivered']);
    });

    it('a partly failed PublishBatch throws PartialPublishError naming the failed entries', async () => {
      const { topicArn, queueUrl } = await topicWithQueue();
      const partial = plan({
        sns: [
          {
            action: 'PublishBatch',
            input: {
              TopicArn: topicArn,
              PublishBatchRequestEntries: [
                { Id: 'good', Subject: 's', Message: 'delivered' },
                { Id: 'bad', Subject: 's', Message: 'x'.repeat(262_145) },
              ],
            },
          },
        ],
      });
      await expect(deliver(partial, clients())).rejects.toMatchObject({
        name: 'DeliveryError',
        failures: [{ sink: 'sns', error: { name: 'PartialPublishError', sent: 1, failed: [{ id: 'bad', code: 'InvalidParameter', senderFault: true }] } }],
      });
      expect((await drain(queueUrl)).map((m) => m.Message)).toEqual(['delivered']);
    });
  });

  it('serverless invoke local delivers the same metrics and messages, live', async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    const namespace = unique('CloudTrailMetrics');
    // The stage's state table, as the deployed stack would have it.
    await stateTable('trailwatch-dev-state');
    const dir = mkdtempSync(join(tmpdir(), 'trailwatch-invoke-'));
    try {
      buildEvents(dir, Date.now());
      const { stdout } = await promisify(execFile)(
        join(ROOT, 'node_modules', '.bin', 'serverless'),
        ['invoke', 'local', '-f', 'detector', '-p', join(dir, 'mixed.json'), '--param', `alertTopicArn=${topicArn}`, '--param', `metricNamespace=${namespace}`],
        {
          cwd: ROOT,
          env: { ...process.env, AWS_ENDPOINT_URL: endpoint, SLS_TELEMETRY_DISABLED: '1', AWS_EC2_METADATA_DISABLED: 'true', LOG_LEVEL: 'WARN' },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const summary = JSON.parse(stdout.slice(stdout.lastIndexOf('\n{\n') + 1)) as { dryRun: boolean; matched: Record<string, number>; notifications: number };
      expect(summary.dryRun).toBe(false);
      expect(summary.matched).toEqual({ RootAccountUsage: 3, ApiActivityWithoutMFA: 5, ConsoleSignInWithoutMfa: 3 });
      expect(await metricSum(namespace, METRICS.RootAccountUsage)).toBe(3);
      expect(await metricSum(namespace, METRICS.ApiActivityWithoutMFA)).toBe(5);
      expect(await metricSum(namespace, METRICS.ConsoleSignInWithoutMfa)).toBe(3);
      const delivered = await drain(queueUrl);
      expect(delivered).toHaveLength(summary.notifications);
      expect(delivered.map((m) => m.Subject)).toContain('trailwatch: Root account used: root in 444455556666 (3 events)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
