import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent, KinesisStreamEvent } from 'aws-lambda';

export interface LogEventInput {
  /** A CloudTrail record (serialised with JSON.stringify) or a raw message string. */
  readonly message: Record<string, unknown> | string;
  readonly id?: string;
  readonly timestamp?: number;
}

export interface PayloadOptions {
  readonly messageType?: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  readonly logGroup?: string;
  readonly owner?: string;
  /** Base timestamp for events without one; event i gets base + i seconds. */
  readonly baseTimestamp?: number;
  /** The sequence number of the first log event id; unset, the builder's running sequence continues. */
  readonly firstLogEventId?: number;
}

/** A 56-digit decimal log event id, as CloudWatch Logs writes them. */
export function logEventId(n: number): string {
  return `3795${String(n).padStart(52, '0')}`;
}

/**
 * Log event ids are unique, as in CloudWatch Logs: each payload built here continues the
 * sequence, so two payloads never share an id (the batch key of idempotency relies on it).
 */
let nextLogEventId = 0;

/** The decoded subscription payload for these records. */
export function subscriptionPayload(inputs: readonly (LogEventInput | Record<string, unknown>)[], options: PayloadOptions = {}): Record<string, unknown> {
  const base = options.baseTimestamp ?? Date.UTC(2026, 2, 2, 9, 15, 0);
  const owner = options.owner ?? '111122223333';
  const firstId = options.firstLogEventId ?? nextLogEventId;
  if (options.messageType !== 'CONTROL_MESSAGE' && options.firstLogEventId === undefined) nextLogEventId += inputs.length;
  return {
    messageType: options.messageType ?? 'DATA_MESSAGE',
    owner,
    logGroup: options.logGroup ?? 'aws-cloudtrail-logs-111122223333',
    logStream: `${owner}_CloudTrail_us-east-1`,
    subscriptionFilters: ['trailwatch'],
    logEvents:
      options.messageType === 'CONTROL_MESSAGE'
        ? [{ id: '', timestamp: base, message: 'CWL CONTROL MESSAGE: Checking health of destination Lambda.' }]
        : inputs.map((input, i) => {
            const entry = ('message' in input ? input : { message: input }) as LogEventInput;
            return {
              id: entry.id ?? logEventId(firstId + i),
              timestamp: entry.timestamp ?? base + i * 1000,
              message: typeof entry.message === 'string' ? entry.message : JSON.stringify(entry.message),
            };
          }),
  };
}

/** gzip + base64 of any JSON-serialisable payload, wrapped as Lambda receives it. */
export function encodeAwslogs(payload: unknown): CloudWatchLogsEvent {
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64') } };
}

/** A real `awslogs` event (gzip + base64) carrying these CloudTrail records. */
export function awslogsEvent(inputs: readonly (LogEventInput | Record<string, unknown>)[], options: PayloadOptions = {}): CloudWatchLogsEvent {
  return encodeAwslogs(subscriptionPayload(inputs, options));
}

/** What a Kinesis record of a subscription carries: a subscription payload (gzip'd), or raw base64 for broken records. */
export type KinesisRecordInput = { readonly payload: unknown } | { readonly rawData: string };

export const KINESIS_STREAM_ARN = 'arn:aws:kinesis:us-east-1:111122223333:stream/trailwatch-dev';

/** gzip + base64 of a subscription payload: the `data` of one Kinesis record, as CloudWatch Logs writes it. */
export function kinesisData(payload: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64');
}

/**
 * A Kinesis event source mapping's event: one record per input, on one shard, with
 * increasing sequence numbers (the partial batch response names records by them).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 */
export function kinesisEvent(
  inputs: readonly KinesisRecordInput[],
  options: { shardId?: string; firstSequence?: bigint; streamArn?: string; arrivalMs?: number } = {},
): KinesisStreamEvent {
  const shardId = options.shardId ?? 'shardId-000000000000';
  const first = options.firstSequence ?? 49_650_000_000_000_000_000_000_000_000_000_000_000_000n;
  const streamArn = options.streamArn ?? KINESIS_STREAM_ARN;
  return {
    Records: inputs.map((input, i) => {
      const sequenceNumber = String(first + BigInt(i));
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: 'trailwatch',
          sequenceNumber,
          data: 'payload' in input ? kinesisData(input.payload) : input.rawData,
          approximateArrivalTimestamp: (options.arrivalMs ?? Date.now()) / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${shardId}:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::111122223333:role/trailwatch-kinesis',
        awsRegion: 'us-east-1',
        eventSourceARN: streamArn,
      };
    }),
  };
}
