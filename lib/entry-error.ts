/**
 * An invalid entry of a reviewed file (suppressions, rules): names the entry, the field and,
 * for a pattern, the column. The subclasses exist so that `errorType` says which file.
 */
export abstract class EntryError extends Error {
  constructor(
    what: string,
    /** The entry: its id when it has one, else its position ("#3", counted from 1). */
    readonly entry: string,
    /** The field at fault, or undefined for the whole entry or file. */
    readonly field: string | undefined,
    readonly reason: string,
    /** For a pattern (or a metric value): the column (from 1) in it; for a YAML error: the column in the file. */
    readonly column?: number,
    options?: { cause?: unknown },
  ) {
    super(`Invalid ${what} ${entry}${field === undefined ? '' : `, field ${field}`}${column === undefined ? '' : `, column ${column}`}: ${reason}`, options);
  }
}
