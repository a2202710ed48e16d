import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import type { Clients } from '../../lib/aws/clients';
import { loadConfig } from '../../lib/config';
import { createHandler } from '../../lib/handler';
import type { Summary } from '../../lib/pipeline';
import { RULES } from '../../lib/rules';
import { cloudWatchLogsSource } from '../../lib/sources';
import { DynamoDBStateStore } from '../../lib/state';
import { parseSuppressions, type Suppressions } from '../../lib/suppressions';
import { awslogsEvent } from '../../support/awslogs';
import { fixture } from '../fixtures/records';
import { recordingLog } from '../helpers/pipeline';
import { describeWithMoto, destroyClients, drain, endpoint, metricSum, REGION, sns, stateTable, topicWithQueue, unique } from './moto';

const recent = (i: number): number => Date.now() - 120_000 + i * 1000;
const batchOf = (names: string[]): CloudWatchLogsEvent => awslogsEvent(names.map((name, i) => ({ message: fixture(name).record, timestamp: recent(i) })));

/** Real clients against moto; `failing` makes a client's sends fail until it is cleared. */
function flakyClients(delayMs = 0): { clients: Clients; failing: Set<string>; destroy(): void } {
  const config = { region: REGION, endpoint };
  const real = { cloudwatch: new CloudWatchClient(config), sns: new SNSClient(config), dynamodb: new DynamoDBClient(config) };
  const failing = new Set<string>();
  const wrap = <C extends { send: (...args: any[]) => Promise<unknown> }>(name: string, client: C) => ({
    send: async (command: unknown) => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (failing.has(name)) throw Object.assign(new Error(`${name} is failing`), { name: 'ServiceUnavailable' });
      return client.send(command as never);
    },
  });
  return {
    clients: { cloudwatch: wrap('cloudwatch', real.cloudwatch), sns: wrap('sns', real.sns), dynamodb: real.dynamodb } as unknown as Clients,
    failing,
    destroy: () => {
      for (const c of Object.values(real)) c.destroy();
    },
  };
}

interface Setup {
  readonly topicArn: string;
  readonly queueUrl: string;
  readonly namespace: string;
  readonly table: string;
}

async function setup(): Promise<Setup> {
  const { topicArn, queueUrl } = await topicWithQueue();
  return { topicArn, queueUrl, namespace: unique('CloudTrailMetrics'), table: await stateTable() };
}

function handlerFor(
  s: Setup,
  clients: Clients,
  options: { cap?: number; clock?: () => number; suppressions?: Suppressions; log?: ReturnType<typeof recordingLog> } = {},
): (event: CloudWatchLogsEvent) => Promise<Summary> {
  const config = loadConfig({
    ALERT_TOPIC_ARN: s.topicArn,
    METRIC_NAMESPACE: s.namespace,
    STATE_TABLE_NAME: s.table,
    NOTIFICATION_CAP: String(options.cap ?? 20),
    LOG_LEVEL: 'SILENT',
  });
  return createHandler(cloudWatchLogsSource, {
    config,
    rules: RULES.map((rule) => ({ ...rule, namespace: s.namespace })),
    clients,
    store: new DynamoDBStateStore(clients.dynamodb, s.table),
    suppressions: options.suppressions,
    logger: options.log ?? recordingLog(),
    clock: options.clock,
  });
}

describeWithMoto('alert state in DynamoDB (moto_server: DynamoDB, SNS, SQS, CloudWatch)', () => {
  const created: { destroy(): void }[] = [];
  beforeAll(() => {
    process.env.AWS_ENDPOINT_URL = endpoint;
  });
  afterAll(() => {
    for (const c of created) c.destroy();
    destroyClients();
  });
  const clients = (delayMs = 0) => {
    const flaky = flakyClients(delayMs);
    created.push(flaky);
    return flaky;
  };

  it.each([
    ['SNS', 'sns'],
    ['CloudWatch', 'cloudwatch'],
  ])('a retry after %s failed sends only what did not go out, and a third delivery is a replay', async (_, failing) => {
    const s = await setup();
    const flaky = clients();
    const handler = handlerFor(s, flaky.clients);
    const batch = batchOf(['root-api-access-key', 'assumed-role-api-no-mfa']);
    flaky.failing.add(failing);
    await expect(handler(batch)).rejects.toMatchObject({ name: 'DeliveryError' });
    flaky.failing.clear();
    const retry = await handler(batch);
    expect(retry.replayed).toBe(false);
    expect(await handler(batch)).toMatchObject({ replayed: true, notifications: 0, metrics: [] });
    expect(await metricSum(s.namespace, 'RootAccountUsageCount')).toBe(1);
    expect(await metricSum(s.namespace, 'ApiActivityWithoutMFACount')).toBe(1);
    expect(await drain(s.queueUrl)).toHaveLength(2);
  });

  it('two concurrent invocations of the same batch deliver once', async () => {
    const s = await setup();
    const handler = handlerFor(s, clients(50).clients);
    const batch = batchOf(['root-api-access-key']);
    const results = await Promise.allSettled([handler(batch), handler(batch)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { name: 'BatchInProgressError' } });
    expect(await handler(batch)).toMatchObject({ replayed: true });
    expect(await metricSum(s.namespace, 'RootAccountUsageCount')).toBe(1);
    expect(await drain(s.queueUrl)).toHaveLength(1);
  });

  it('alerts once per window across three invocations, then reports what it counted meanwhile', async () => {
    const s = await setup();
    let now = Date.now();
    const handler = handlerFor(s, clients().clients, { clock: () => now });
    const summaries = [await handler(batchOf(['assumed-role-api-no-mfa']))];
    now += 20 * 60_000;
    summaries.push(await handler(batchOf(['assumed-role-api-no-mfa', 'assumed-role-api-no-mfa'])));
    now += 41 * 60_000;
    summaries.push(await handler(batchOf(['assumed-role-api-no-mfa'])));
    expect(summaries.map((x) => x.notifications)).toEqual([1, 0, 1]);
    expect(summaries[1]?.deduplicated).toEqual({ ApiActivityWithoutMFA: 2 });
    const delivered = await drain(s.queueUrl);
    expect(delivered).toHaveLength(2);
    expect(delivered[1]?.Message).toContain(': 2 more events, from ');
    expect(await metricSum(s.namespace, 'ApiActivityWithoutMFACount')).toBe(4);
  });

  it('an expired suppression stops applying, is logged, and is counted in the ExpiredSuppressions metric', async () => {
    const s = await setup();
    const suppressions = parseSuppressions(
      [{ id: 'old-ci', rules: '*', pattern: '{ $.userIdentity.type = "AssumedRole" }', reason: 'CI role, reviewed 2019', owner: 'sec', expires: '2020-12-31' }],
      RULES.map((r) => r.id),
      Date.now(),
    );
    const log = recordingLog();
    const handler = handlerFor(s, clients().clients, { suppressions, log });
    const summary = await handler(batchOf(['assumed-role-api-no-mfa']));
    expect(summary.suppressed).toEqual({});
    expect(summary.notifications).toBe(1);
    expect(log.lines.some((l) => l.message === 'trailwatch.suppression-expired')).toBe(true);
    expect(await metricSum(s.namespace, 'ExpiredSuppressions')).toBe(1);
  });

  it('under a cap of 1, the most severe group gets the alert and the summary lists the rest by severity', async () => {
    const s = await setup();
    const handler = handlerFor(s, clients().clients, { cap: 1 });
    await handler(batchOf(['assumed-role-api-no-mfa', 'iam-user-console-no-mfa', 'root-api-access-key']));
    const [alert, summary, ...rest] = await drain(s.queueUrl);
    expect(rest).toEqual([]);
    expect(alert?.MessageAttributes.rule?.Value).toBe('RootAccountUsage');
    expect(summary?.MessageAttributes.rule?.Value).toBe('Overflow');
    const listed = (summary?.Message ?? '')
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(' ')[0]);
    expect(listed).toEqual(['ConsoleSignInWithoutMfa', 'ApiActivityWithoutMFA']);
  });

  it('retries after SNS failed on a topic created afterwards, without counting twice', async () => {
    const s = await setup();
    const name = unique('late-topic');
    const topicArn = `arn:aws:sns:${REGION}:123456789012:${name}`;
    const handler = handlerFor({ ...s, topicArn }, clients().clients);
    const batch = batchOf(['root-api-access-key']);
    await expect(handler(batch)).rejects.toMatchObject({ failures: [{ sink: 'sns', error: { name: 'NotFoundException' } }] });
    await sns.send(new CreateTopicCommand({ Name: name }));
    await expect(handler(batch)).resolves.toMatchObject({ notifications: 1, metrics: [] });
    expect(await metricSum(s.namespace, 'RootAccountUsageCount')).toBe(1);
  });
});
