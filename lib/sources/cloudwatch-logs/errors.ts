export const PayloadDecodeReason = {
  MissingData: 'missing-data',
  NotBase64: 'not-base64',
  NotGzip: 'not-gzip',
  TooLarge: 'too-large',
  NotJson: 'not-json',
  InvalidPayload: 'invalid-payload',
} as const;
export type PayloadDecodeReason = (typeof PayloadDecodeReason)[keyof typeof PayloadDecodeReason];

/**
 * The subscription batch as a whole cannot be read. Thrown so that Lambda's async
 * retries and then the on-failure destination keep the batch.
 */
export class PayloadDecodeError extends Error {
  // The minified bundle renames classes; Lambda's errorType reads the constructor's name.
  static {
    Object.defineProperty(PayloadDecodeError, 'name', { value: 'PayloadDecodeError' });
  }
  override readonly name = 'PayloadDecodeError';
  /** Stable machine-readable reason, also the `reason` key in logs. */
  readonly reason: PayloadDecodeReason;

  constructor(reason: PayloadDecodeReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
