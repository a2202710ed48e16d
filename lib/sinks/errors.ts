/** One sink that could not deliver its part of a batch. */
export interface SinkFailure {
  readonly sink: string;
  readonly error: unknown;
}

/** Some sinks could not deliver; thrown so that Lambda retries the batch. Names each failed sink. */
export class DeliveryError extends Error {
  // The minified bundle renames classes; Lambda's errorType reads the constructor's name.
  static {
    Object.defineProperty(DeliveryError, 'name', { value: 'DeliveryError' });
  }
  override readonly name = 'DeliveryError';
  constructor(
    readonly failures: readonly SinkFailure[],
    /** The sinks that did deliver: a retry skips them. */
    readonly delivered: readonly string[] = [],
  ) {
    super(`delivery failed: ${failures.map((f) => `${f.sink}: ${(f.error as Error)?.message ?? String(f.error)}`).join('; ')}`, {
      cause: failures[0]?.error,
    });
  }
}
