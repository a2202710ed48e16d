import { MAX_FIELD_LENGTH } from './constants';

// ANSI CSI/OSC and two-character escape sequences: removed whole so no colour or cursor trick survives.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's purpose
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// C0 and C1 controls, DEL, line/paragraph separators, bidi controls, zero-width and BOM characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's purpose
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060\ufeff]/g;

const escapeChar = (ch: string): string => {
  switch (ch) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
};

/**
 * Makes an attacker-controlled value safe to show on one line: ANSI sequences are removed,
 * control, bidi and zero-width characters are shown as visible escapes (so a value can never
 * start a new line that looks like a trusted field), lone surrogates become U+FFFD, and the
 * result is cut to `max` characters with a visible marker.
 */
export function sanitizeField(value: string, max: number = MAX_FIELD_LENGTH): string {
  // Bound the work first: escapes can only lengthen, so nothing past max*1 is ever shown.
  const clipped = value.length > max ? value.slice(0, max) : value;
  const safe = clipped.replace(ANSI, '').replace(UNSAFE, escapeChar).toWellFormed();
  if (safe.length <= max && clipped.length === value.length) return safe;
  const marker = `…[truncated, ${value.length} chars]`;
  return `${safe.slice(0, Math.max(0, max - marker.length)).toWellFormed()}${marker}`;
}

/** Shows any JSON value as safe text: strings as they are, the rest as JSON, absent as "-". */
export function displayValue(value: unknown, max: number = MAX_FIELD_LENGTH): string {
  if (value === undefined) return '-';
  if (typeof value === 'string') return sanitizeField(value, max);
  let text: string;
  try {
    text = typeof value === 'object' ? (JSON.stringify(value) ?? String(value)) : String(value);
  } catch {
    text = String(value);
  }
  return sanitizeField(text, max);
}

/** Subject text: printable ASCII only (the older SNS rule, and no look-alike characters), at most `max`. */
export function asciiSubject(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const ascii = text
    .replace(ANSI, '')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii.length <= max ? ascii : `${ascii.slice(0, max - 3)}...`;
}

/** Text cut to `max` characters, its last one an ellipsis when cut: for fields whose limit a service sets. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
