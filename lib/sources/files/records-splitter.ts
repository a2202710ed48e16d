const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;

/** Where a CloudTrail file's `{"Records": [...]}` stands in the stream. */
const State = {
  /** Before the top-level `{`. */
  Start: 0,
  /** Inside the top-level object, outside `Records`. */
  Top: 1,
  /** Inside the `Records` array, between elements. */
  Records: 2,
  /** Inside one element of `Records`. */
  Record: 3,
  /** After the top-level `}`. */
  Done: 4,
} as const;
type State = (typeof State)[keyof typeof State];

/** Raised when the bytes are not a CloudTrail log file's JSON; `index` is the record being read. */
export class RecordsFormatError extends Error {
  static {
    Object.defineProperty(RecordsFormatError, 'name', { value: 'RecordsFormatError' });
  }
  override readonly name = 'RecordsFormatError';
  constructor(
    readonly reason: string,
    /** 0-based index of the record being read, or the number read when the file ended early. */
    readonly index: number,
  ) {
    super(`${reason} (record ${index})`);
  }
}

/**
 * Splits a CloudTrail log file, `{"Records":[{…},{…}]}`, into the JSON text of each record
 * as its bytes arrive, in chunks of any size: memory holds one record, never the file.
 * Only string boundaries and braces are scanned (strings are skipped with a native search
 * for `"`), so each record's text is then parsed once, by the caller or not at all.
 * Keys other than `Records` at the top level are skipped whatever their values.
 */
export class RecordsSplitter {
  private state: State = State.Start;
  /** Nesting depth inside the top-level object (1 = its members). */
  private depth = 0;
  private inString = false;
  private escapeNext = false;
  /** The last string read at the top level: a key when a `:` follows it. */
  private lastKey: string | undefined;
  /** The string being read is at the top level, so its text is kept. */
  private capturing = false;
  private keyParts: Buffer[] = [];
  private awaitingValueOf: string | undefined;
  /** Bytes of the record being read, from earlier chunks. */
  private parts: Buffer[] = [];
  private recordStart = -1;
  private count = 0;

  constructor(private readonly onRecord: (text: string, index: number) => void) {}

  /** Records emitted so far. */
  get records(): number {
    return this.count;
  }

  /** @throws RecordsFormatError when the bytes cannot be a CloudTrail log file. */
  push(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    if (this.state === State.Record && this.recordStart < 0) this.recordStart = 0;
    while (i < n) {
      if (this.inString) {
        // A backslash ended the last chunk: this chunk's first byte is escaped.
        if (this.escapeNext) {
          this.escapeNext = false;
          if (this.capturing) this.keyParts.push(chunk.subarray(i, i + 1));
          i++;
          continue;
        }
        const close = findClosingQuote(chunk, i);
        if (close < 0) {
          let trailing = 0;
          for (let k = n - 1; k >= i && chunk[k] === BACKSLASH; k--) trailing++;
          this.escapeNext = trailing % 2 === 1;
          if (this.capturing) this.keyParts.push(chunk.subarray(i, n));
          i = n;
          break;
        }
        if (this.capturing) {
          this.lastKey = Buffer.concat([...this.keyParts, chunk.subarray(i, close)]).toString('utf8');
          this.keyParts = [];
          this.capturing = false;
        }
        this.inString = false;
        i = close + 1;
        continue;
      }
      const c = chunk[i] as number;
      switch (this.state) {
        case State.Start:
          if (c === OPEN_BRACE) {
            this.state = State.Top;
            this.depth = 1;
          } else if (!isSpace(c)) throw new RecordsFormatError('expected a JSON object {"Records": [...]}', 0);
          break;
        case State.Top:
          this.top(c);
          break;
        case State.Records:
          if (c === OPEN_BRACE) {
            this.state = State.Record;
            this.depth = 3;
            this.recordStart = i;
          } else if (c === CLOSE_BRACKET) {
            this.state = State.Top;
            this.depth = 1;
          } else if (!isSpace(c) && c !== 0x2c) throw new RecordsFormatError('expected a record (a JSON object) in "Records"', this.count);
          break;
        case State.Record:
          if (c === QUOTE) this.inString = true;
          else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
          else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            this.depth--;
            if (this.depth === 2) this.emit(chunk, i + 1);
          }
          break;
        case State.Done:
          if (!isSpace(c)) throw new RecordsFormatError('unexpected text after the top-level object', this.count);
          break;
      }
      i++;
    }
    if (this.state === State.Record && this.recordStart >= 0) {
      this.parts.push(chunk.subarray(this.recordStart));
      this.recordStart = -1;
    }
  }

  /** @throws RecordsFormatError when the file ended before its top-level object did. */
  end(): void {
    if (this.state !== State.Done) throw new RecordsFormatError('the file ends before its JSON does (truncated?)', this.count);
  }

  private top(c: number): void {
    if (c === QUOTE) {
      this.inString = true;
      this.capturing = this.depth === 1;
      this.keyParts = [];
      return;
    }
    if (c === COLON && this.depth === 1) {
      this.awaitingValueOf = this.lastKey;
      return;
    }
    if (c === OPEN_BRACKET && this.depth === 1 && this.awaitingValueOf === 'Records') {
      this.state = State.Records;
      this.depth = 2;
      this.awaitingValueOf = undefined;
      return;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      this.depth--;
      if (this.depth === 0) this.state = State.Done;
    } else if (c === 0x2c && this.depth === 1) this.awaitingValueOf = undefined;
  }

  private emit(chunk: Buffer, end: number): void {
    const start = Math.max(this.recordStart, 0);
    const text = this.parts.length === 0 ? chunk.toString('utf8', start, end) : Buffer.concat([...this.parts, chunk.subarray(start, end)]).toString('utf8');
    this.parts = [];
    this.recordStart = -1;
    this.state = State.Records;
    this.depth = 2;
    this.onRecord(text, this.count++);
  }
}

/** The index of the `"` that closes a string whose body starts at `from`, or -1 in this chunk. */
function findClosingQuote(chunk: Buffer, from: number): number {
  let at = chunk.indexOf(QUOTE, from);
  while (at >= 0) {
    let backslashes = 0;
    for (let k = at - 1; k >= from && chunk[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = chunk.indexOf(QUOTE, at + 1);
  }
  return -1;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
