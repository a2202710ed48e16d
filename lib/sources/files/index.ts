import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isJsonObject } from '../../json';
import { decodeSubscriptionEvent, type SubscriptionPayload } from '../cloudwatch-logs';
import { decodeKinesisEvent, isKinesisEvent } from '../kinesis';
import { RecordsFormatError, RecordsSplitter } from './records-splitter';

export { RecordsFormatError, RecordsSplitter } from './records-splitter';

/** What a replayed file holds, told from its first bytes (after gunzip when it is gzip'd). */
export const InputFormat = {
  /** A CloudTrail log file from S3: `{"Records": [...]}`. */
  CloudTrail: 'cloudtrail',
  /** One CloudTrail record per line. */
  JsonLines: 'jsonl',
  /**
   * One JSON document read whole (at most {@link MAX_DOCUMENT_BYTES}): a CloudWatch Logs
   * subscription event as Lambda receives it (`{"awslogs": …}`) or its decoded payload, a
   * Kinesis event of subscription records, an EventBridge CloudTrail event (its `detail`),
   * an array of records, or one record.
   */
  Document: 'document',
  /** A CloudWatch Logs export to S3: `<ISO timestamp> <message>` per line. */
  LogsExport: 'logs-export',
  /** Any other text: one message per line (`test-pattern` only). */
  Lines: 'lines',
} as const;
export type InputFormat = (typeof InputFormat)[keyof typeof InputFormat];

/** One log event read from a file, as the pipeline takes it, and where it was in the file. */
export interface FileRecord {
  readonly message: string;
  /** Epoch ms: the log event's own timestamp, or the record's `eventTime`. */
  readonly timestamp: number;
  /** `record 3` (0-based, in `Records` or `logEvents`) or `line 12` (1-based). */
  readonly position: string;
}

/** Something in a file that could not be read; the rest of the file, and the other files, go on. */
export interface FileProblem {
  readonly path: string;
  /** Where in the file, when it is one record or line; unset for the whole file. */
  readonly position?: string;
  readonly reason: string;
}

/**
 * Key prefixes CloudTrail writes beside its log files that hold no events: digests (hourly
 * integrity files) and Insights events.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 */
export const SKIPPED_FOLDERS = ['CloudTrail-Digest/', 'CloudTrail-Insight/'] as const;

/** Why a path is skipped without being read, or undefined when it is read. */
export function skipReason(path: string): string | undefined {
  const folder = SKIPPED_FOLDERS.find((f) => path.includes(f) || path.includes(f.replace('/', '\\')));
  return folder === undefined ? undefined : `${folder.slice(0, -1)} files hold no events`;
}

/** Largest single-document file read whole (Lambda events are at most 6 MB). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b] as const;
const EVENT_TIME = '"eventTime":"';

/** Reads `eventTime` from a record's JSON text without parsing it; the last value parsed is cached. */
export class EventTimeReader {
  private lastText = '';
  private lastTime = Number.NaN;

  timeOf(message: string): number | undefined {
    const at = message.indexOf(EVENT_TIME);
    if (at < 0) return undefined;
    const start = at + EVENT_TIME.length;
    const end = message.indexOf('"', start);
    if (end < 0 || end - start > 40) return undefined;
    const text = message.slice(start, end);
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastTime = Date.parse(text);
    }
    return Number.isNaN(this.lastTime) ? undefined : this.lastTime;
  }
}

/**
 * Tells the format from the first decompressed bytes: `{"Records": [{"kinesis"` is a Kinesis
 * event and any other `{"Records"` a CloudTrail file; an object whose first line is a whole
 * JSON value starts JSON Lines; any other object or array is one document.
 */
export function detectFormat(head: string): InputFormat | undefined {
  if (/^\s*\{\s*"Records"\s*:\s*\[\s*\{\s*"(kinesis|eventSource|eventID|awsRegion)"\s*:/.test(head)) return InputFormat.Document;
  if (/^\s*\{\s*"Records"\s*:/.test(head)) return InputFormat.CloudTrail;
  if (/^\s*\{\s*"(awslogs|messageType|owner|logGroup|logStream|subscriptionFilters|logEvents)"\s*:/.test(head)) return InputFormat.Document;
  if (/^\s*\[\s*[{[\]"]/.test(head)) return InputFormat.Document;
  if (/^\s*\{/.test(head)) {
    const newline = head.indexOf('\n');
    if (newline < 0) return head.trimEnd().endsWith('}') ? InputFormat.JsonLines : InputFormat.Document;
    try {
      JSON.parse(head.slice(0, newline));
      return InputFormat.JsonLines;
    } catch {
      return InputFormat.Document;
    }
  }
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z? /.test(head)) return InputFormat.LogsExport;
  return undefined;
}

/**
 * Reads one file's log events, in file order, a chunk's worth at a time: memory holds one
 * chunk and one record, whatever the file's size (subscription files, at most
 * {@link MAX_SUBSCRIPTION_FILE_BYTES}, are read whole). gzip is recognised by its magic
 * bytes, not the file name. A record that cannot be read is reported through `onProblem`
 * with its position and skipped; a file that cannot be read from some point on is reported
 * once, after the records before that point.
 */
export async function* readFileRecords(
  path: string,
  source: AsyncIterable<Buffer | string>,
  onProblem: (problem: FileProblem) => void,
  options: { readonly plainLines?: boolean } = {},
): AsyncGenerator<readonly FileRecord[]> {
  const bytes = decompressed(source);
  const times = new EventTimeReader();
  let format: InputFormat | undefined;
  let pending: FileRecord[] = [];
  let splitter: RecordsSplitter | undefined;
  let lines: LineReader | undefined;
  const whole: Buffer[] = [];
  let wholeBytes = 0;
  let lastTime = 0;
  const timed = (message: string, position: string, timestamp?: number): void => {
    const time = timestamp ?? times.timeOf(message) ?? lastTime;
    lastTime = time;
    pending.push({ message, timestamp: time, position });
  };
  try {
    for await (const chunk of bytes) {
      if (format === undefined) {
        format = detectFormat(chunk.toString('utf8', 0, Math.min(chunk.length, 4096))) ?? (options.plainLines ? InputFormat.Lines : undefined);
        if (format === undefined) {
          onProblem({ path, reason: 'not a CloudTrail log file, JSON Lines, a CloudWatch Logs subscription event or a CloudWatch Logs export' });
          return;
        }
        if (format === InputFormat.CloudTrail) splitter = new RecordsSplitter((text, index) => timed(text, `record ${index}`));
        if (format === InputFormat.JsonLines || format === InputFormat.LogsExport || format === InputFormat.Lines) {
          const exported = format === InputFormat.LogsExport;
          lines = new LineReader((line, number) => {
            if (!exported) return timed(line, `line ${number}`);
            const space = line.indexOf(' ');
            const time = Date.parse(line.slice(0, space));
            if (space < 0 || Number.isNaN(time)) onProblem({ path, position: `line ${number}`, reason: 'expected "<ISO timestamp> <message>"' });
            else timed(line.slice(space + 1), `line ${number}`, time);
          });
        }
      }
      if (splitter) splitter.push(chunk);
      else if (lines) lines.push(chunk);
      else {
        wholeBytes += chunk.length;
        if (wholeBytes > MAX_DOCUMENT_BYTES) {
          onProblem({ path, reason: `a single JSON document over ${MAX_DOCUMENT_BYTES} bytes; use JSON Lines or a CloudTrail log file` });
          return;
        }
        whole.push(chunk);
      }
      if (pending.length > 0) {
        yield pending;
        pending = [];
      }
    }
    if (format === undefined) return; // an empty file
    splitter?.end();
    lines?.end();
    if (format === InputFormat.Document) {
      for (const [index, event] of documentEvents(JSON.parse(Buffer.concat(whole).toString('utf8'))).entries()) {
        if (typeof event === 'string') timed(event, `record ${index}`);
        else if (typeof event.message !== 'string' || typeof event.timestamp !== 'number') {
          onProblem({ path, position: `record ${index}`, reason: 'a log event needs a string message and a numeric timestamp' });
        } else pending.push({ message: event.message, timestamp: event.timestamp, position: `record ${index}` });
      }
    }
    if (pending.length > 0) yield pending;
  } catch (error) {
    if (pending.length > 0) yield pending;
    const position = error instanceof RecordsFormatError ? `record ${error.index}` : undefined;
    const reason = error instanceof RecordsFormatError ? error.reason : error instanceof Error ? error.message : String(error);
    onProblem({ path, ...(position ? { position } : {}), reason });
  }
}

type DocumentEvent = string | { readonly message?: unknown; readonly timestamp?: unknown };

/** A document's log events (with their timestamps), or records (JSON text, timed by `eventTime`). */
function documentEvents(json: unknown): DocumentEvent[] {
  if (Array.isArray(json)) return json.map((record) => JSON.stringify(record));
  if (!isJsonObject(json)) throw new Error('expected a JSON object or array');
  if (json.awslogs !== undefined) return logEventsOf(decodeSubscriptionEvent(json));
  if (json.messageType !== undefined || Array.isArray(json.logEvents)) return logEventsOf(json as unknown as SubscriptionPayload);
  if (isKinesisEvent(json)) {
    return decodeKinesisEvent(json, MAX_DOCUMENT_BYTES).flatMap((record) => {
      if (record.kind === 'undecodable') throw record.error;
      return record.kind === 'data' ? (record.batch.logEvents as DocumentEvent[]) : [];
    });
  }
  if (typeof json['detail-type'] === 'string' && isJsonObject(json.detail)) return [JSON.stringify(json.detail)];
  return [JSON.stringify(json)];
}

/** A payload's log events; a control message (CloudWatch Logs checking the destination) has none that count. */
function logEventsOf(payload: SubscriptionPayload): DocumentEvent[] {
  if (payload.messageType === 'CONTROL_MESSAGE' || !Array.isArray(payload.logEvents)) return [];
  return payload.logEvents as DocumentEvent[];
}

const asBuffer = (chunk: Buffer | string): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk);

/** The bytes of a source, gunzipped when its first two bytes are gzip's magic. */
async function* decompressed(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  let first = await iterator.next();
  while (!first.done && first.value.length === 0) first = await iterator.next();
  if (first.done) return;
  const head = asBuffer(first.value);
  // The bytes again from the start: the first chunk, then the rest of the source.
  const rest = (async function* (): AsyncGenerator<Buffer> {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield asBuffer(next.value);
  })();
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
    yield* rest;
    return;
  }
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  // pipeline() carries a read error of the source into the gunzip stream, and so to the loop.
  pipeline(Readable.from(rest), gunzip, () => {});
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/** Splits bytes into lines (LF or CRLF), 1-based numbers, skipping blank lines. */
class LineReader {
  private rest = '';
  private number = 0;
  private readonly decoder = new TextDecoder('utf8');

  constructor(private readonly onLine: (line: string, number: number) => void) {}

  push(chunk: Buffer): void {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  end(): void {
    const text = this.rest + this.decoder.decode();
    this.rest = '';
    if (text !== '') this.line(text);
  }

  private line(raw: string): void {
    this.number++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') this.onLine(line, this.number);
  }
}
