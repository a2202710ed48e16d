/** Where a batch of log events came from. */
export interface BatchOrigin {
  /** The account that owns the log group (CloudWatch Logs' `owner`). */
  readonly owner: string | undefined;
  readonly logGroup: string | undefined;
  readonly logStream: string | undefined;
}

/**
 * One batch of log events, whatever the source. `logEvents` entries are unchecked; the
 * engine checks each one (`{ id, timestamp, message }`) so one bad entry never sinks the rest.
 */
export interface SourceBatch {
  readonly origin: BatchOrigin;
  readonly logEvents: readonly unknown[];
}

/**
 * Turns one Lambda event into batches of log events. A new source is one module and one
 * handler entry; the pipeline after it is shared.
 */
export interface Source<Event> {
  /** Stable name, as in the summary and the logs. */
  readonly name: string;
  /** True when the event has this source's shape (cheap; it does not decode). */
  accepts(event: unknown): event is Event;
  /** @throws an error with a stable `reason` when the event cannot be read. */
  decode(event: Event, options: DecodeOptions): SourceBatch;
}

export interface DecodeOptions {
  /** Largest decompressed payload accepted, in bytes. */
  readonly maxBytes: number;
}
