import { EntryError } from '../entry-error';

/** An invalid suppressions file or entry; fails packaging and cold start alike. */
export class SuppressionError extends EntryError {
  // The minified bundle renames classes; Lambda's errorType reads the constructor's name.
  static {
    Object.defineProperty(SuppressionError, 'name', { value: 'SuppressionError' });
  }
  override readonly name = 'SuppressionError';
  constructor(entry: string, field: string | undefined, reason: string, column?: number, options?: { cause?: unknown }) {
    super('suppression', entry, field, reason, column, options);
  }
}
