import { gzipSync } from 'node:zlib';
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { subscriptionPayload } from '../../support/awslogs';
import { fixture } from '../fixtures/records';
import { describeWithMoto, destroyClients, drain, endpoint, metricSum, REGION, stateTable, topicWithQueue, unique } from './moto';

type KinesisHandler = (event: KinesisStreamEvent) => Promise<KinesisStreamBatchResponse>;

describeWithMoto('Kinesis source against moto_server (Kinesis, DynamoDB, SNS, SQS, CloudWatch)', () => {
  // moto speaks HTTP/1.1; the Kinesis client defaults to HTTP/2 (for SubscribeToShard).
  const kinesis = new KinesisClient({ region: REGION, endpoint, requestHandler: new NodeHttpHandler() });
  const loaded: { destroy(): void }[] = [];
  beforeAll(() => {
    process.env.AWS_ENDPOINT_URL = endpoint;
  });
  afterAll(() => {
    kinesis.destroy();
    for (const c of loaded) c.destroy();
    destroyClients();
  });

  /** Reads the stream back and builds the event a Lambda event source mapping would deliver. */
  async function readAsEvent(stream: string, arn: string): Promise<KinesisStreamEvent> {
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    return {
      Records: Records.map((r) => ({
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: r.PartitionKey ?? '',
          sequenceNumber: r.SequenceNumber ?? '',
          data: Buffer.from(r.Data ?? new Uint8Array()).toString('base64'),
          approximateArrivalTimestamp: (r.ApproximateArrivalTimestamp ?? new Date()).getTime() / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${r.SequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::123456789012:role/trailwatch',
        awsRegion: REGION,
        eventSourceARN: arn,
      })),
    };
  }

  it('turns records put by a subscription into metrics and alerts, and names only the broken record', async () => {
    const stream = unique('trail');
    await kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
    const { StreamDescription } = await kinesis.send(new DescribeStreamCommand({ StreamName: stream }));
    const t = Date.now() - 60_000;
    const payloads = [
      subscriptionPayload([{ message: fixture('root-api-access-key').record, timestamp: t }]),
      subscriptionPayload([], { messageType: 'CONTROL_MESSAGE' }),
      subscriptionPayload([
        { message: fixture('assumed-role-api-no-mfa').record, timestamp: t + 1 },
        { message: fixture('iam-user-console-no-mfa').record, timestamp: t + 2 },
      ]),
    ];
    // CloudWatch Logs writes gzip'd JSON into each record's data.
    for (const payload of payloads)
      await kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data: gzipSync(JSON.stringify(payload)) }));
    await kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data: Buffer.from('not gzip') }));
    const event = await readAsEvent(stream, StreamDescription?.StreamARN ?? '');
    expect(event.Records).toHaveLength(4);

    const { topicArn, queueUrl } = await topicWithQueue();
    const namespace = unique('CloudTrailMetrics');
    const saved = { ...process.env };
    Object.assign(process.env, { LOG_LEVEL: 'SILENT', ALERT_TOPIC_ARN: topicArn, METRIC_NAMESPACE: namespace, STATE_TABLE_NAME: await stateTable() });
    let module: { handler: KinesisHandler; clients: { destroy(): void } } | undefined;
    try {
      jest.isolateModules(() => {
        module = require('../../handlers/kinesis') as typeof module;
      });
    } finally {
      process.env = saved;
    }
    const { handler, clients } = module as NonNullable<typeof module>;
    loaded.push(clients);

    const response = await handler(event);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[3]?.kinesis.sequenceNumber }] });
    expect(await metricSum(namespace, 'RootAccountUsageCount')).toBe(1);
    expect(await metricSum(namespace, 'ApiActivityWithoutMFACount')).toBe(1);
    expect(await metricSum(namespace, 'ConsoleSignInWithoutMfaCount')).toBe(1);
    const delivered = await drain(queueUrl);
    expect(delivered.map((m) => m.MessageAttributes.rule?.Value).sort()).toEqual(['ApiActivityWithoutMFA', 'ConsoleSignInWithoutMfa', 'RootAccountUsage']);

    // Lambda retries from the broken record: nothing goes out twice.
    expect(await handler(event)).toEqual(response);
    expect(await metricSum(namespace, 'RootAccountUsageCount')).toBe(1);
    expect(await drain(queueUrl)).toEqual([]);
  });
});
