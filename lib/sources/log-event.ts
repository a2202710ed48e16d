import { isJsonObject } from '../json';

export const RejectReason = {
  InvalidLogEvent: 'invalid-log-event',
  NotJson: 'not-json',
  NotObject: 'not-object',
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

/** A log event from the batch, checked for shape; `message` is still raw text. */
export interface LogEvent {
  readonly id: string;
  readonly timestamp: number;
  readonly message: string;
}

/** Checks one `logEvents` entry; undefined when it is not `{ id, timestamp, message }`. */
export function toLogEvent(entry: unknown): LogEvent | undefined {
  if (entry === null || typeof entry !== 'object') return undefined;
  const { id, timestamp, message } = entry as Record<string, unknown>;
  if (typeof id !== 'string' || typeof message !== 'string' || typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    return undefined;
  }
  // Checked: the entry itself is the log event (no copy per event on the hot path).
  return entry as LogEvent;
}

/** Parses a CloudTrail record; a message that is not a JSON object is a reject reason, never a throw. */
export function parseRecord(message: string): Record<string, unknown> | RejectReason {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return RejectReason.NotJson;
  }
  return isJsonObject(parsed) ? parsed : RejectReason.NotObject;
}
