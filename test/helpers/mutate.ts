import type { Rng } from '../../support/generator';

/** Rewrites some letters inside JSON strings as \u escapes: the same JSON, spelled differently. */
export function escapeSomeLetters(json: string, rng: Rng, probability = 0.3): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i] as string;
    if (inString && c === '\\') {
      out += c + (json[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    out += inString && /[A-Za-z]/.test(c) && rng() < probability ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

/** Damages a message the ways real corruption and attackers do. */
export function mutateMessage(json: string, rng: Rng): string {
  const at = (): number => Math.floor(rng() * (json.length + 1));
  switch (Math.floor(rng() * 7)) {
    case 0: // truncation
      return json.slice(0, at());
    case 1: {
      // random characters spliced in
      const i = at();
      const junk = Array.from({ length: 1 + Math.floor(rng() * 8) }, () => String.fromCharCode(Math.floor(rng() * 0x3000))).join('');
      return json.slice(0, i) + junk + json.slice(i);
    }
    case 2: // a rule's literal dropped into arbitrary places
      return json.replace(/"[A-Za-z]{3,}"/, ['"Root"', '"ConsoleLogin"', '"No"', '"mfaAuthenticated"', '"true"'][Math.floor(rng() * 5)] as string);
    case 3: // string swapped for another type
      return json.replace(
        /"(Root|false|true|No|ConsoleLogin|AwsApiCall)"/,
        ['true', 'false', 'null', '1', '[]', '{}', '["Root"]'][Math.floor(rng() * 7)] as string,
      );
    case 4: // injected keys
      return json.replace(/^\{/, ['{"__proto__":{"type":"Root"},', '{"constructor":"x",', '{"userIdentity":null,'][Math.floor(rng() * 3)] as string);
    case 5:
      return escapeSomeLetters(json, rng);
    default:
      return json;
  }
}
