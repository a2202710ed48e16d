import { gunzipSync } from 'node:zlib';
import { isJsonObject } from '../../json';
import { PayloadDecodeError, PayloadDecodeReason } from './errors';

/**
 * Default largest decompressed batch. An asynchronous invocation carries at most 1 MB
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html);
 * CloudTrail JSON compresses about 10:1, so 32 MiB leaves room for real batches and stops gzip bombs.
 */
export const MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;

/**
 * Output chunk for gunzip: zlib's 16 KiB default makes a batch that unzips to 10 MB or more
 * come out in hundreds of pieces that are then copied together. A chunk of about eight times
 * the compressed size (CloudTrail compresses about 10:1), from 16 KiB to 1 MiB, cuts that
 * copy without allocating 1 MiB for a small Kinesis record.
 */
const MIN_GUNZIP_CHUNK_BYTES = 16 * 1024;
const MAX_GUNZIP_CHUNK_BYTES = 1024 * 1024;

export const MessageType = { Data: 'DATA_MESSAGE', Control: 'CONTROL_MESSAGE' } as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/**
 * The decoded subscription payload; `logEvents` entries are checked one by one later.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
export interface SubscriptionPayload {
  readonly messageType: MessageType;
  readonly owner: string | undefined;
  readonly logGroup: string | undefined;
  readonly logStream: string | undefined;
  readonly logEvents: readonly unknown[];
}

/**
 * base64 → gunzip → JSON → validated subscription payload.
 * @throws PayloadDecodeError with a stable `reason` when the batch cannot be read.
 */
export function decodeSubscriptionEvent(event: unknown, maxBytes: number = MAX_DECOMPRESSED_BYTES): SubscriptionPayload {
  const data = (event as { awslogs?: { data?: unknown } } | null | undefined)?.awslogs?.data;
  if (typeof data !== 'string' || data.length === 0) {
    throw new PayloadDecodeError(PayloadDecodeReason.MissingData, 'event has no awslogs.data string: not a CloudWatch Logs subscription event');
  }
  return decodeSubscriptionData(data, maxBytes);
}

/**
 * One subscription message as every destination receives it (a Lambda's `awslogs.data`, a
 * Kinesis record's `data`): base64 → gunzip → JSON → validated payload.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 * @throws PayloadDecodeError with a stable `reason`.
 */
export function decodeSubscriptionData(data: string, maxBytes: number = MAX_DECOMPRESSED_BYTES): SubscriptionPayload {
  if (data.length === 0) throw new PayloadDecodeError(PayloadDecodeReason.MissingData, 'the subscription data is empty');
  // Buffer.from skips characters outside the alphabet, so any such character makes the
  // decoded length fall short of what the text's length promises (a regex would cost more).
  const bytes = Buffer.from(data, 'base64');
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  if (data.length % 4 !== 0 || bytes.length !== (data.length / 4) * 3 - padding) {
    throw new PayloadDecodeError(PayloadDecodeReason.NotBase64, 'awslogs.data is not valid base64');
  }
  let json: string;
  try {
    const chunkSize = Math.min(MAX_GUNZIP_CHUNK_BYTES, Math.max(MIN_GUNZIP_CHUNK_BYTES, bytes.length * 8));
    json = gunzipSync(bytes, { maxOutputLength: maxBytes, chunkSize }).toString('utf8');
  } catch (cause) {
    const tooLarge = (cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new PayloadDecodeError(
      tooLarge ? PayloadDecodeReason.TooLarge : PayloadDecodeReason.NotGzip,
      tooLarge ? `awslogs.data decompresses to more than ${maxBytes} bytes (MAX_BATCH_BYTES)` : 'awslogs.data is not complete gzip data',
      { cause },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (cause) {
    throw new PayloadDecodeError(PayloadDecodeReason.NotJson, 'decompressed awslogs.data is not JSON', { cause });
  }
  return validatePayload(parsed);
}

function validatePayload(parsed: unknown): SubscriptionPayload {
  if (!isJsonObject(parsed)) {
    throw new PayloadDecodeError(PayloadDecodeReason.InvalidPayload, 'subscription payload is not a JSON object');
  }
  const payload = parsed;
  const messageType = payload.messageType;
  if (messageType !== MessageType.Data && messageType !== MessageType.Control) {
    throw new PayloadDecodeError(PayloadDecodeReason.InvalidPayload, 'subscription payload messageType is neither DATA_MESSAGE nor CONTROL_MESSAGE');
  }
  const logEvents = payload.logEvents;
  if (messageType === MessageType.Data && !Array.isArray(logEvents)) {
    throw new PayloadDecodeError(PayloadDecodeReason.InvalidPayload, 'subscription payload has no logEvents array');
  }
  const text = (key: string): string | undefined => (typeof payload[key] === 'string' ? (payload[key] as string) : undefined);
  return {
    messageType,
    owner: text('owner'),
    logGroup: text('logGroup'),
    logStream: text('logStream'),
    logEvents: messageType === MessageType.Control ? [] : (logEvents as unknown[]),
  };
}
