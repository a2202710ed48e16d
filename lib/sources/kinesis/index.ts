import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { decodeSubscriptionData, MessageType } from '../cloudwatch-logs/decode';
import { PayloadDecodeError, PayloadDecodeReason } from '../cloudwatch-logs/errors';
import type { SourceBatch } from '../types';

/** Where a Kinesis record sits: what a partial batch response and the logs name. */
export interface RecordPosition {
  /** The record's sequence number: the `itemIdentifier` of a partial batch response. */
  readonly sequenceNumber: string;
  readonly shardId: string;
  readonly streamArn: string;
}

/** One Kinesis record, decoded: a subscription payload, a control message, or an error. */
export type DecodedRecord =
  | (RecordPosition & { readonly kind: 'data'; readonly batch: SourceBatch })
  | (RecordPosition & { readonly kind: 'control' })
  | (RecordPosition & { readonly kind: 'undecodable'; readonly error: PayloadDecodeError });

/** True for a Kinesis event source mapping's event. */
export function isKinesisEvent(event: unknown): event is KinesisStreamEvent {
  const records = (event as { Records?: unknown } | null)?.Records;
  return Array.isArray(records) && records.every((r) => (r as { eventSource?: unknown } | null)?.eventSource === 'aws:kinesis');
}

/**
 * Each record of a CloudWatch Logs subscription to Kinesis is one gzip'd subscription
 * message, exactly as a Lambda subscription receives it in `awslogs.data`. A record that
 * cannot be read is returned as `undecodable`, never thrown: it must not sink the others.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
export function decodeKinesisEvent(event: KinesisStreamEvent, maxBytes: number): DecodedRecord[] {
  return event.Records.map((record) => decodeKinesisRecord(record, maxBytes));
}

/** One Kinesis record, decoded; an undecodable one is returned as such, never thrown. */
export function decodeKinesisRecord(record: KinesisStreamRecord, maxBytes: number): DecodedRecord {
  const position: RecordPosition = {
    sequenceNumber: String(record.kinesis?.sequenceNumber ?? ''),
    // eventID is "shardId-000000000000:<sequence number>".
    shardId: String(record.eventID ?? '').split(':')[0] ?? '',
    streamArn: String(record.eventSourceARN ?? ''),
  };
  try {
    const data = record.kinesis?.data;
    if (typeof data !== 'string') throw new PayloadDecodeError(PayloadDecodeReason.MissingData, 'the Kinesis record has no data string');
    const payload = decodeSubscriptionData(data, maxBytes);
    if (payload.messageType === MessageType.Control) return { ...position, kind: 'control' };
    return {
      ...position,
      kind: 'data',
      batch: { origin: { owner: payload.owner, logGroup: payload.logGroup, logStream: payload.logStream }, logEvents: payload.logEvents },
    };
  } catch (error) {
    if (!(error instanceof PayloadDecodeError)) throw error;
    return { ...position, kind: 'undecodable', error };
  }
}
