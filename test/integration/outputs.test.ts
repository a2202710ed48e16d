import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { EnableSecurityHubCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Clients } from '../../lib/aws/clients';
import { loadConfig } from '../../lib/config';
import { createHandler } from '../../lib/handler';
import { RULES } from '../../lib/rules';
import { cloudWatchLogsSource } from '../../lib/sources';
import { MemoryStateStore } from '../../lib/state';
import { awslogsEvent } from '../../support/awslogs';
import { fixture } from '../fixtures/records';
import { recordingLog } from '../helpers/pipeline';
import { describeWithMoto, drain, endpoint, REGION, sqs, topicWithQueue, unique } from './moto';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const config = { region: REGION, endpoint, credentials };
/** moto's account. */
const ACCOUNT = '123456789012';

describeWithMoto('Chatbot, Security Hub and EventBridge outputs against moto_server', () => {
  const clients = {
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
    dynamodb: new DynamoDBClient(config),
    securityHub: new SecurityHubClient(config),
    eventBridge: new EventBridgeClient(config),
  };
  afterAll(() => {
    for (const c of Object.values(clients)) c.destroy();
  });

  async function busWithQueue(): Promise<{ bus: string; queueUrl: string }> {
    const bus = unique('security');
    await clients.eventBridge.send(new CreateEventBusCommand({ Name: bus }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: unique('events') }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    const queueArn = Attributes?.QueueArn as string;
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl,
        Attributes: {
          Policy: JSON.stringify({
            Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn }],
          }),
        },
      }),
    );
    const rule = unique('trailwatch-alerts');
    await clients.eventBridge.send(
      new PutRuleCommand({ Name: rule, EventBusName: bus, EventPattern: JSON.stringify({ source: ['trailwatch'], 'detail-type': ['trailwatch alert'] }) }),
    );
    await clients.eventBridge.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [{ Id: 'queue', Arn: queueArn }] }));
    return { bus, queueUrl: QueueUrl as string };
  }

  it('delivers each enabled output over the wire, and a repeat updates the same finding', async () => {
    const alerts = await topicWithQueue();
    const chat = await topicWithQueue();
    const { bus, queueUrl: eventsQueue } = await busWithQueue();
    await clients.securityHub.send(new EnableSecurityHubCommand({})).catch(() => undefined);
    const handler = createHandler(cloudWatchLogsSource, {
      config: loadConfig({
        ALERT_TOPIC_ARN: alerts.topicArn,
        METRIC_NAMESPACE: unique('Outputs'),
        CHAT_TOPIC_ARN: chat.topicArn,
        SECURITY_HUB: 'true',
        SECURITY_HUB_PRODUCT_ARN: `arn:aws:securityhub:${REGION}:${ACCOUNT}:product/${ACCOUNT}/default`,
        EVENT_BUS_NAME: bus,
        ALERT_WINDOW_SECONDS: '0',
        LOG_LEVEL: 'SILENT',
      }),
      rules: RULES,
      clients: clients as unknown as Clients,
      store: new MemoryStateStore(),
      logger: recordingLog(),
    });
    const batch = () =>
      awslogsEvent(
        [fixture('root-console-no-mfa').record, fixture('assumed-role-api-no-mfa').record].map((message, i) => ({
          message,
          timestamp: Date.now() - 60_000 + i,
        })),
      );
    const summary = await handler(batch());
    expect(summary.sinkCounts).toMatchObject({ chatbot: 3, securityHub: 3, eventBridge: 3 });

    // Chatbot: the topic's subscriber receives the custom-notification JSON.
    const chatMessages = (await drain(chat.queueUrl)).map((m) => JSON.parse(m.Message));
    expect(chatMessages).toHaveLength(3);
    expect(chatMessages[0]).toMatchObject({ version: '1.0', source: 'custom', content: { textType: 'client-markdown' } });
    expect((await drain(alerts.queueUrl)).every((m) => !m.Message.startsWith('{'))).toBe(true);

    // Security Hub: the findings are there, by their ids.
    const ids = (summary.sinks.securityHub as { Findings: { Id: string }[] }[]).flatMap((c) => c.Findings.map((f) => f.Id));
    const found = await clients.securityHub.send(new GetFindingsCommand({ Filters: { Id: ids.map((Value) => ({ Value, Comparison: 'EQUALS' })) } }));
    expect(found.Findings?.map((f) => f.Id).sort()).toEqual([...ids].sort());
    expect(found.Findings?.find((f) => f.Id?.includes('RootAccountUsage'))?.Severity?.Label).toBe('CRITICAL');

    // EventBridge: a rule on the bus routes the events to the queue.
    const received: unknown[] = [];
    for (;;) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: eventsQueue, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if (!Messages?.length) break;
      received.push(...Messages.map((m) => JSON.parse(m.Body as string)));
    }
    expect(received).toHaveLength(3);
    expect(received[0]).toMatchObject({ source: 'trailwatch', 'detail-type': 'trailwatch alert', detail: { rule: { id: expect.any(String) } } });

    // The same pairs again within the hour (critical rules alert each time): the findings are updated, not added.
    await handler(batch());
    const again = await clients.securityHub.send(new GetFindingsCommand({ Filters: { Id: ids.map((Value) => ({ Value, Comparison: 'EQUALS' })) } }));
    expect(again.Findings).toHaveLength(ids.length);
  });
});
