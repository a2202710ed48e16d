/**
 * AWS's restricted `%regex%` dialect (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html), compiled to a Thompson-style
 * NFA that runs in O(text × pattern) time. Without groups the language needs no
 * backtracking, so no pattern can cause catastrophic (ReDoS) run times.
 */

/** Largest `{m,n}` bound accepted; larger bounds are rejected rather than expanded. */
export const MAX_REGEX_REPEAT = 1000;
/** Upper bound on NFA states after expanding `{m,n}`, which bounds time per character. */
export const MAX_REGEX_STATES = 4096;

/** Thrown with the 0-based offset inside the regex source; the parser turns it into a column. */
export class RegexSyntaxError extends Error {
  // The minified bundle renames classes; Lambda's errorType reads the constructor's name.
  static {
    Object.defineProperty(RegexSyntaxError, 'name', { value: 'RegexSyntaxError' });
  }
  override readonly name = 'RegexSyntaxError';
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A set of characters: an ASCII bitmap plus a verdict for everything above U+007F. */
class CharSet {
  readonly ascii = new Uint8Array(128);
  nonAscii = false;

  static of(predicate: (code: number) => boolean, nonAscii: boolean): CharSet {
    const set = new CharSet();
    for (let c = 0; c < 128; c++) set.ascii[c] = predicate(c) ? 1 : 0;
    set.nonAscii = nonAscii;
    return set;
  }

  addAll(other: CharSet): void {
    for (let c = 0; c < 128; c++) if (other.ascii[c]) this.ascii[c] = 1;
    this.nonAscii ||= other.nonAscii;
  }

  negate(): CharSet {
    return CharSet.of((c) => this.ascii[c] === 0, !this.nonAscii);
  }

  has(code: number): boolean {
    return code < 128 ? this.ascii[code] === 1 : this.nonAscii;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWord = (c: number): boolean => isDigit(c) || isAlpha(c) || c === 95;
// Java's \s: space, \t, \n, \x0B, \f, \r.
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
/**
 * Literal symbols AWS allows besides alphanumerics: ':', '_', '#', '=', '@', '/', ';', ',', '-'.
 * The list omits the space, yet AWS's own examples put one in a regex, so a space is accepted
 * as a literal too (a choice; see the README).
 */
const LITERAL_SYMBOLS = new Set([' ', ':', '_', '#', '=', '@', '/', ';', ',', '-']);
/** Characters that are operators outside a class and literals inside one. */
const OPERATORS = new Set(['^', '$', '?', '[', ']', '{', '}', '|', '\\', '*', '+', '.']);

const CLASS_ESCAPES: Readonly<Record<string, CharSet>> = {
  d: CharSet.of(isDigit, false),
  D: CharSet.of((c) => !isDigit(c), true),
  w: CharSet.of(isWord, false),
  W: CharSet.of((c) => !isWord(c), true),
  s: CharSet.of(isSpace, false),
  S: CharSet.of((c) => !isSpace(c), true),
};
// '.' matches anything but a line break, as in Java's default mode.
const ANY = CharSet.of((c) => c !== 10 && c !== 13, true);

const single = (code: number): CharSet => CharSet.of((c) => c === code, false);

interface Item {
  readonly set: CharSet;
  readonly min: number;
  readonly max: number; // Infinity for * and +
}

interface Alternative {
  readonly anchoredStart: boolean;
  readonly anchoredEnd: boolean;
  readonly items: readonly Item[];
}

class RegexReader {
  pos = 0;
  constructor(readonly src: string) {}

  peek(): string | undefined {
    return this.src[this.pos];
  }

  fail(reason: string, at = this.pos): never {
    throw new RegexSyntaxError(at, reason);
  }

  readAlternative(): Alternative {
    let anchoredStart = false;
    let anchoredEnd = false;
    const items: Item[] = [];
    if (this.peek() === '^') {
      anchoredStart = true;
      this.pos++;
    }
    for (let ch = this.peek(); ch !== undefined && ch !== '|'; ch = this.peek()) {
      if (ch === '$') {
        const next = this.src[this.pos + 1];
        if (next !== undefined && next !== '|') this.fail("'$' is only supported at the end of the regex");
        anchoredEnd = true;
        this.pos++;
        continue;
      }
      const set = this.readAtom();
      items.push(this.readQuantifier(set));
    }
    return { anchoredStart, anchoredEnd, items };
  }

  readAtom(): CharSet {
    const at = this.pos;
    const ch = this.src[this.pos++] as string;
    const code = ch.charCodeAt(0);
    if (ch === '.') return ANY;
    if (ch === '[') return this.readClass(at);
    if (ch === '\\') return this.readEscape(at, false);
    if (ch === '(' || ch === ')') this.fail("'(' and ')' are not supported in AWS regex (no subpatterns)", at);
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') this.fail(`'${ch}' has nothing to repeat`, at);
    if (ch === '^') this.fail("'^' is only supported at the start of the regex", at);
    if (ch === ']' || ch === '}') this.fail(`unbalanced '${ch}'`, at);
    if (code > 127) this.fail('multi-byte characters are not supported in AWS regex', at);
    if (isDigit(code) || isAlpha(code) || LITERAL_SYMBOLS.has(ch)) return single(code);
    return this.fail(`'${ch}' is not supported in AWS regex; escape it or use \\xhh`, at);
  }

  readEscape(at: number, inClass: boolean): CharSet {
    const ch = this.src[this.pos++];
    if (ch === undefined) return this.fail("'\\' at the end of the regex", at);
    const escaped = CLASS_ESCAPES[ch];
    if (escaped) return escaped;
    if (ch === 'x') {
      const hex = this.src.slice(this.pos, this.pos + 2);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) this.fail('expected two hex digits after \\x', at);
      this.pos += 2;
      return single(parseInt(hex, 16));
    }
    const code = ch.charCodeAt(0);
    // Escaping a punctuation character makes it literal (e.g. `\.`); letters and digits are not escapes.
    if (code > 32 && code < 127 && !isDigit(code) && !isAlpha(code)) return single(code);
    return this.fail(`unsupported escape '\\${ch}'${inClass ? ' in a character class' : ''}`, at);
  }

  readClass(at: number): CharSet {
    const set = new CharSet();
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    let first = true;
    for (;;) {
      const start = this.pos;
      const ch = this.src[this.pos++];
      if (ch === undefined) this.fail("unterminated character class, expected ']'", at);
      if (ch === ']' && !first) break;
      if (ch === ']') this.fail('empty character class', at);
      first = false;
      let member: CharSet;
      let low: number | undefined;
      if (ch === '\\') {
        member = this.readEscape(start, true);
        const only = singleCode(member);
        low = only;
      } else {
        low = this.classLiteral(ch, start);
        member = single(low);
      }
      // A range such as a-z; '-' first or last in the class is literal.
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== undefined) {
        if (low === undefined) this.fail('a range cannot start with a class escape', start);
        this.pos++;
        const hiAt = this.pos;
        const hiCh = this.src[this.pos++] as string;
        const high = hiCh === '\\' ? singleCode(this.readEscape(hiAt, true)) : this.classLiteral(hiCh, hiAt);
        if (high === undefined || high < low) this.fail('invalid range in character class', start);
        member = CharSet.of((c) => c >= low && c <= high, false);
      }
      set.addAll(member);
    }
    return negated ? set.negate() : set;
  }

  classLiteral(ch: string, at: number): number {
    const code = ch.charCodeAt(0);
    if (code > 127) this.fail('multi-byte characters are not supported in AWS regex', at);
    if (ch === '[') this.fail("'[' inside a character class must be escaped", at);
    if (isDigit(code) || isAlpha(code) || LITERAL_SYMBOLS.has(ch) || OPERATORS.has(ch)) return code;
    return this.fail(`'${ch}' is not supported in AWS regex; use \\xhh`, at);
  }

  readQuantifier(set: CharSet): Item {
    const at = this.pos;
    const ch = this.peek();
    let item: Item;
    if (ch === '*') item = { set, min: 0, max: Infinity };
    else if (ch === '+') item = { set, min: 1, max: Infinity };
    else if (ch === '?') item = { set, min: 0, max: 1 };
    else if (ch === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(this.src.slice(this.pos));
      if (!m || (m[1] === '' && m[3] === '') || (m[2] === '' && m[3] !== '')) {
        this.fail('expected a repetition such as {2}, {1,3}, {2,} or {,3}', at);
      }
      const min = m[1] === '' ? 0 : Number(m[1]);
      const max = m[2] === '' ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (min > MAX_REGEX_REPEAT || (max !== Infinity && max > MAX_REGEX_REPEAT)) {
        this.fail(`repetition bounds above ${MAX_REGEX_REPEAT} are not supported`, at);
      }
      if (max < min) this.fail('repetition minimum is larger than its maximum', at);
      this.pos += m[0].length - 1;
      item = { set, min, max };
    } else return { set, min: 1, max: 1 };
    this.pos++;
    const after = this.peek();
    if (after === '*' || after === '+' || after === '?' || after === '{') {
      this.fail('a quantifier cannot follow another quantifier', this.pos);
    }
    return item;
  }
}

function singleCode(set: CharSet): number | undefined {
  if (set.nonAscii) return undefined;
  let found: number | undefined;
  for (let c = 0; c < 128; c++) {
    if (set.ascii[c]) {
      if (found !== undefined) return undefined;
      found = c;
    }
  }
  return found;
}

const ONE = 0;
const OPTIONAL = 1;
const STAR = 2;

/** One alternative expanded to states: position i means "the first i states are matched". */
class Automaton {
  private readonly sets: CharSet[] = [];
  private readonly kinds: number[] = [];
  private readonly current: Int32Array;
  private readonly next: Int32Array;
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(private readonly alt: Alternative) {
    for (const item of alt.items) {
      for (let i = 0; i < item.min; i++) this.push(item.set, ONE);
      if (item.max === Infinity) this.push(item.set, STAR);
      else for (let i = item.min; i < item.max; i++) this.push(item.set, OPTIONAL);
    }
    const size = this.sets.length + 1;
    this.current = new Int32Array(size);
    this.next = new Int32Array(size);
    this.seen = new Uint32Array(size);
  }

  get size(): number {
    return this.sets.length;
  }

  private push(set: CharSet, kind: number): void {
    if (this.sets.length >= MAX_REGEX_STATES) {
      throw new RegexSyntaxError(0, `regex expands to more than ${MAX_REGEX_STATES} states`);
    }
    this.sets.push(set);
    this.kinds.push(kind);
  }

  /** Adds `pos` and every position reachable from it without input; returns the new count. */
  private close(list: Int32Array, count: number, pos: number): number {
    const end = this.sets.length;
    for (;;) {
      if (this.seen[pos] === this.stamp) return count;
      this.seen[pos] = this.stamp;
      list[count++] = pos;
      if (pos === end || this.kinds[pos] === ONE) return count;
      pos++;
    }
  }

  test(text: string): boolean {
    const { anchoredStart, anchoredEnd } = this.alt;
    const end = this.sets.length;
    let cur = this.current;
    let nxt = this.next;
    this.stamp++;
    let count = this.close(cur, 0, 0);
    if (!anchoredEnd && this.seen[end] === this.stamp) return true;
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i) as number;
      if (code > 0xffff) i++;
      this.stamp++;
      let nextCount = 0;
      for (let k = 0; k < count; k++) {
        const pos = cur[k] as number;
        if (pos === end || !(this.sets[pos] as CharSet).has(code)) continue;
        nextCount = this.close(nxt, nextCount, this.kinds[pos] === STAR ? pos : pos + 1);
      }
      if (!anchoredStart) nextCount = this.close(nxt, nextCount, 0);
      if (!anchoredEnd && this.seen[end] === this.stamp) return true;
      if (nextCount === 0) return false;
      const swap = cur;
      cur = nxt;
      nxt = swap;
      count = nextCount;
    }
    return this.seen[end] === this.stamp;
  }
}

/**
 * Compiles the text between the `%` signs. Throws {@link RegexSyntaxError}
 * (with an offset into `source`) for anything outside AWS's documented syntax.
 */
export function compileRegex(source: string): (text: string) => boolean {
  if (source.length === 0) throw new RegexSyntaxError(0, 'empty regex');
  const reader = new RegexReader(source);
  const automata: Automaton[] = [];
  let states = 0;
  for (;;) {
    const automaton = new Automaton(reader.readAlternative());
    states += automaton.size;
    if (states > MAX_REGEX_STATES) {
      throw new RegexSyntaxError(0, `regex expands to more than ${MAX_REGEX_STATES} states`);
    }
    automata.push(automaton);
    if (reader.peek() !== '|') break;
    reader.pos++;
  }
  if (automata.length === 1) {
    const only = automata[0] as Automaton;
    return (text) => only.test(text);
  }
  return (text) => {
    for (const automaton of automata) if (automaton.test(text)) return true;
    return false;
  };
}
