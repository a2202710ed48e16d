import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type Handler, loadHandlerModule } from '../helpers/load-handler';
import { MOTO_ENDPOINT_VAR } from './global-setup';

export const endpoint = process.env[MOTO_ENDPOINT_VAR];
/** `describe` when moto runs, `describe.skip` when the setup skipped the suite. */
export const describeWithMoto = endpoint ? describe : describe.skip;

export const REGION = 'us-east-1';
const clientConfig = { region: REGION, endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
export const sns = new SNSClient(clientConfig);
export const sqs = new SQSClient(clientConfig);
export const cloudwatch = new CloudWatchClient(clientConfig);
export const dynamodb = new DynamoDBClient(clientConfig);

/** A state table shaped as serverless.yml creates it (moto does not expire TTL items: conditions must not rely on it). */
export async function stateTable(name: string = unique('state')): Promise<string> {
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
  return name;
}

let counter = 0;
/** A unique name per call, so tests never see each other's topics, queues or metrics. */
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${Date.now()}-${counter++}`;

/** An SNS topic with an SQS queue subscribed to it, as a subscriber would have. */
export async function topicWithQueue(): Promise<{ topicArn: string; queueUrl: string }> {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: unique('alerts') }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: unique('inbox') }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes?.QueueArn }));
  return { topicArn: TopicArn as string, queueUrl: QueueUrl as string };
}

export interface Delivered {
  readonly Subject: string;
  readonly Message: string;
  readonly MessageAttributes: Record<string, { Type: string; Value: string }>;
}

/** Every SNS envelope in the queue (reads until the queue is empty). */
export async function drain(queueUrl: string): Promise<Delivered[]> {
  const all: Delivered[] = [];
  for (;;) {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!Messages?.length) return all;
    all.push(...Messages.map((m) => JSON.parse(m.Body as string) as Delivered));
  }
}

/** Sum of a metric over the last day, as an alarm would see it. */
export async function metricSum(namespace: string, metricName: string): Promise<number> {
  const { Datapoints } = await cloudwatch.send(
    new GetMetricStatisticsCommand({
      Namespace: namespace,
      MetricName: metricName,
      StartTime: new Date(Date.now() - 24 * 3600_000),
      EndTime: new Date(Date.now() + 3600_000),
      Period: 86_400,
      Statistics: ['Sum'],
    }),
  );
  return (Datapoints ?? []).reduce((sum, d) => sum + (d.Sum ?? 0), 0);
}

const loadedClients: { destroy(): void }[] = [];
/** Closes the connections of every client this suite created, so jest can exit. */
export function destroyClients(): void {
  for (const client of [sns, sqs, cloudwatch, dynamodb, ...loadedClients.splice(0)]) client.destroy();
}

/** The real handler under this environment, loaded afresh as at a cold start. */
export function loadHandler(env: Record<string, string>): Handler {
  const module = loadHandlerModule(env);
  loadedClients.push(module.clients);
  return module.handler;
}
