/** An invalid suppressions file or entry; fails packaging and cold start alike. */
export class SuppressionError extends Error {
  // The minified bundle renames classes; Lambda's errorType reads the constructor's name.
  static {
    Object.defineProperty(SuppressionError, 'name', { value: 'SuppressionError' });
  }
  override readonly name = 'SuppressionError';
  constructor(
    /** The entry: its id when it has one, else its position ("#3", counted from 1). */
    readonly entry: string,
    /** The field at fault, or undefined for the whole entry or file. */
    readonly field: string | undefined,
    readonly reason: string,
    /** For a pattern: the column (from 1) in the pattern; for a YAML error: the column in the file. */
    readonly column?: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Invalid suppression ${entry}${field === undefined ? '' : `, field ${field}`}${column === undefined ? '' : `, column ${column}`}: ${reason}`,
      options,
    );
  }
}
