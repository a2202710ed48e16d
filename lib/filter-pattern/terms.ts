import { FilterPatternSyntaxError } from './errors';
import { isSpace, readQuoted } from './lexer';

/** How a term takes part in its group: required, or one that must be absent (`-term`). */
export const TermMode = { Include: 'include', Exclude: 'exclude' } as const;
export type TermMode = (typeof TermMode)[keyof typeof TermMode];

export interface Term {
  readonly text: string;
  readonly mode: TermMode;
  /** True for `""` or `" "`: a term that every message contains (AWS's match-everything pattern). */
  readonly always: boolean;
}

/**
 * An unstructured pattern: the terms before the first `?` must all hold, and when there are
 * `?` groups, at least one of them must hold in full. A group is a `?term` and the plain
 * terms after it, up to the next `?term`, which is how AWS CDK writes
 * `FilterPattern.anyTermGroup(['ERROR', 'MainThread'], ['WARN', 'Deadlock'])`:
 * `?"ERROR" "MainThread" ?"WARN" "Deadlock"`.
 */
export interface TermPattern {
  readonly required: readonly Term[];
  readonly alternatives: readonly (readonly Term[])[];
}

/**
 * Parses a term pattern such as `ERROR -ARGUMENTS`, `?ERROR ?WARN` or `"INTERNAL SERVER ERROR"`.
 * Terms are separated by whitespace; a double-quoted term may hold spaces and uses `\"` and
 * `\\` as escapes; a leading `?` opens an alternative and a leading `-` excludes the term.
 * @throws FilterPatternSyntaxError with the column.
 */
export function parseTerms(pattern: string): TermPattern {
  const required: Term[] = [];
  const alternatives: Term[][] = [];
  let i = 0;
  const fail = (at: number, reason: string): never => {
    throw new FilterPatternSyntaxError(pattern, at + 1, reason);
  };
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let optional = false;
    let mode: TermMode = TermMode.Include;
    if (c === '?' || c === '-') {
      optional = c === '?';
      mode = c === '-' ? TermMode.Exclude : TermMode.Include;
      i++;
      if (i >= pattern.length || isSpace(pattern[i] as string)) fail(start, `expected a term right after '${c}'`);
      if (pattern[i] === '-' && optional) {
        mode = TermMode.Exclude;
        i++;
      }
    }
    let text = '';
    let quoted = false;
    if (pattern[i] === '"') {
      quoted = true;
      const read = readQuoted(pattern, i, 'quoted term', fail);
      text = read.text;
      i = read.end;
      if (i < pattern.length && !isSpace(pattern[i] as string)) fail(i, "expected a space after the closing '\"'");
    } else {
      while (i < pattern.length && !isSpace(pattern[i] as string)) {
        if (pattern[i] === '"') fail(i, 'a term with \'"\' must be quoted as a whole, with \\" inside');
        text += pattern[i];
        i++;
      }
    }
    const term: Term = { text, mode, always: quoted && text.trim() === '' };
    if (optional) alternatives.push([term]);
    else if (alternatives.length > 0) (alternatives[alternatives.length - 1] as Term[]).push(term);
    else required.push(term);
  }
  return { required, alternatives };
}

/** Letters and digits: a term must not continue into one of these on either side. */
function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * True when `message` contains `term` as a whole term: each occurrence is tried, and one counts
 * when the characters around it do not extend an alphanumeric edge of the term. So `ERROR`
 * matches `[ERROR 400]` and `ERROR:` but not `ERRORS` or `MYERROR`; an edge that is punctuation
 * (`"[ERROR"`) needs no boundary on that side. Case-sensitive, as AWS documents.
 */
export function containsTerm(message: string, term: string): boolean {
  if (term.length === 0) return true;
  const first = term.charCodeAt(0);
  const last = term.charCodeAt(term.length - 1);
  const checkBefore = isAlphanumeric(first);
  const checkAfter = isAlphanumeric(last);
  for (let at = message.indexOf(term); at >= 0; at = message.indexOf(term, at + 1)) {
    if (checkBefore && at > 0 && isAlphanumeric(message.charCodeAt(at - 1))) continue;
    const end = at + term.length;
    if (checkAfter && end < message.length && isAlphanumeric(message.charCodeAt(end))) continue;
    return true;
  }
  return false;
}

function holds(term: Term, message: string): boolean {
  if (term.always) return term.mode === TermMode.Include;
  return containsTerm(message, term.text) === (term.mode === TermMode.Include);
}

/** Compiles a parsed term pattern to a test on a message's raw text. */
export function termMatcher(parsed: TermPattern): (message: string) => boolean {
  const { required, alternatives } = parsed;
  return (message) => {
    for (const term of required) if (!holds(term, message)) return false;
    if (alternatives.length === 0) return true;
    return alternatives.some((group) => group.every((term) => holds(term, message)));
  };
}
