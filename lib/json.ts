/** A parsed JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object; false for arrays, null and every scalar. */
export const isJsonObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

const hasOwn = Object.prototype.hasOwnProperty;

/** True when `object` has `key` as its own property; inherited names such as `constructor` never count. */
export const hasOwnKey = (object: JsonObject, key: string): boolean => hasOwn.call(object, key);

/** The value at a path of own properties, or undefined where the path leaves JSON objects. */
export function valueAt(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current) || !hasOwnKey(current, key)) return undefined;
    current = current[key];
  }
  return current;
}
