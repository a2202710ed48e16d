import { StringDecoder } from 'node:string_decoder';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

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
 * as its bytes arrive, in chunks of any size: memory holds one chunk and one record, never
 * the file. Each chunk is decoded once (UTF-8, a character split between chunks included);
 * only string boundaries and brackets are then scanned, strings being skipped with the
 * string search built into the engine, so each record's text is parsed once, later, or not
 * at all. Keys other than `Records` at the top level are skipped whatever their values.
 */
export class RecordsSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private state: State = State.Start;
  /** Nesting depth inside the top-level object (1 = its members). */
  private depth = 0;
  /** A string continues from the previous chunk. */
  private inString = false;
  /** That string's last character was a backslash: the next one is escaped. */
  private escapeNext = false;
  /** The last string read at the top level: a key when a `:` follows it. */
  private lastKey: string | undefined;
  /** The string being read is at the top level, so its text is kept. */
  private capturing = false;
  private keyText = '';
  private awaitingValueOf: string | undefined;
  /** Text of the record being read, from earlier chunks. */
  private partial = '';
  private count = 0;

  constructor(private readonly onRecord: (text: string, index: number) => void) {}

  /** @throws RecordsFormatError when the bytes cannot be a CloudTrail log file. */
  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const n = text.length;
    let recordStart = this.state === State.Record ? 0 : -1;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.skipString(text, i);
        continue;
      }
      if (this.state === State.Record) {
        const end = this.scanRecord(text, i);
        if (end < 0) {
          this.partial += text.slice(recordStart);
          return;
        }
        const record = this.partial === '' ? text.slice(recordStart, end) : this.partial + text.slice(recordStart, end);
        this.partial = '';
        this.state = State.Records;
        this.depth = 2;
        this.onRecord(record, this.count++);
        i = end;
        continue;
      }
      const c = text.charCodeAt(i);
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
            recordStart = i;
          } else if (c === CLOSE_BRACKET) {
            this.state = State.Top;
            this.depth = 1;
          } else if (!isSpace(c) && c !== COMMA) throw new RecordsFormatError('expected a record (a JSON object) in "Records"', this.count);
          break;
        case State.Done:
          if (!isSpace(c)) throw new RecordsFormatError('unexpected text after the top-level object', this.count);
          break;
      }
      i++;
    }
    if (this.state === State.Record && recordStart >= 0) this.partial += text.slice(recordStart);
  }

  /** @throws RecordsFormatError when the file ended before its top-level object did. */
  end(): void {
    if (this.state !== State.Done) throw new RecordsFormatError('the file ends before its JSON does (truncated?)', this.count);
  }

  /**
   * The hot loop, inside one record: only strings and brackets matter. Returns the index
   * after the record's closing `}`, or -1 when the record goes on in the next chunk.
   */
  private scanRecord(text: string, from: number): number {
    const n = text.length;
    let depth = this.depth;
    let i = from;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.depth = depth;
        i = this.skipString(text, i + 1, true);
        if (this.inString) return -1;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 2) {
          this.depth = depth;
          return i + 1;
        }
      }
      i++;
    }
    this.depth = depth;
    return -1;
  }

  /**
   * Skips a string's body from `from` (after its opening quote, or where the last chunk left
   * it): returns the index after its closing quote, or the chunk's end with `inString` set.
   */
  private skipString(text: string, from: number, opening = false): number {
    let i = from;
    if (!opening && this.escapeNext) {
      this.escapeNext = false;
      i++;
    }
    this.inString = true;
    for (;;) {
      const close = text.indexOf('"', i);
      if (close < 0) {
        let trailing = 0;
        for (let k = text.length - 1; k >= i && text.charCodeAt(k) === BACKSLASH; k--) trailing++;
        this.escapeNext = trailing % 2 === 1;
        if (this.capturing) this.keyText += text.slice(from, text.length);
        return text.length;
      }
      let backslashes = 0;
      for (let k = close - 1; k >= i && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
      if (backslashes % 2 === 0) {
        this.inString = false;
        if (this.capturing) {
          this.lastKey = this.keyText + text.slice(from, close);
          this.keyText = '';
          this.capturing = false;
        }
        return close + 1;
      }
      i = close + 1;
    }
  }

  private top(c: number): void {
    if (c === QUOTE) {
      this.inString = true;
      this.capturing = this.depth === 1;
      this.keyText = '';
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
    } else if (c === COMMA && this.depth === 1) this.awaitingValueOf = undefined;
  }
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
