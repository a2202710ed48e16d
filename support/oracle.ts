import type { SeedRuleId } from '../lib/rules';

type Json = Record<string, unknown>;
const hasOwn = (value: unknown, key: string): boolean => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key);
const at = (value: unknown, ...path: string[]): unknown => {
  let current = value;
  for (const key of path) {
    if (!hasOwn(current, key)) return undefined;
    current = (current as Json)[key];
  }
  return current;
};
/** A value node in the filter-pattern sense: a string or a number, as text. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

/**
 * The three seed metric filters written out by hand, independently of the engine, with
 * the documented semantics (a comparison on a missing or non-value field is false).
 * Used as an oracle by property tests and by scripts/check-corpus.ts.
 */
export function oracle(record: unknown): Record<SeedRuleId, boolean> & Record<string, boolean | undefined> {
  const type = text(at(record, 'userIdentity', 'type'));
  const eventType = text(at(record, 'eventType'));
  const mfa = text(at(record, 'userIdentity', 'sessionContext', 'attributes', 'mfaAuthenticated'));
  return {
    RootAccountUsage: type === 'Root' && !hasOwn(at(record, 'userIdentity'), 'invokedBy') && eventType !== undefined && eventType !== 'AwsServiceEvent',
    ApiActivityWithoutMFA: mfa !== undefined && mfa !== 'true',
    ConsoleSignInWithoutMfa: text(at(record, 'eventName')) === 'ConsoleLogin' && text(at(record, 'additionalEventData', 'MFAUsed')) === 'No',
  };
}
