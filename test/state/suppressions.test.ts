import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSuppressions, SuppressionError } from '../../lib/suppressions';
import { thrown } from '../helpers/thrown';

const RULE_IDS = ['RootAccountUsage', 'ApiActivityWithoutMFA', 'ConsoleSignInWithoutMfa'];
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const valid = {
  id: 'ci-role',
  rules: ['ApiActivityWithoutMFA'],
  pattern: '{ $.userIdentity.sessionContext.sessionIssuer.userName = "ci" }',
  reason: 'CI pipeline',
  owner: 'platform',
  expires: '2027-06-30',
};
const { loadSuppressionsFile } = require('../../scripts/yaml-files.js') as {
  loadSuppressionsFile(path: string, ruleIds: readonly string[], options?: { required?: boolean; now?: number }): string;
};

describe('parseSuppressions', () => {
  it('compiles each pattern and splits active from expired entries (an entry applies through its expiry day, UTC)', () => {
    const result = parseSuppressions([valid, { ...valid, id: 'old', expires: '2026-11-29' }, { ...valid, id: 'today', expires: '2026-11-30' }], RULE_IDS, NOW);
    expect(result.active.map((s) => s.id)).toEqual(['ci-role', 'today']);
    expect(result.expired.map((s) => s.id)).toEqual(['old']);
    expect(result.active[0]?.pattern.matches({ userIdentity: { sessionContext: { sessionIssuer: { userName: 'ci' } } } })).toBe(true);
  });

  it.each([null, undefined, []])('treats %p (a file of comments only) as no suppressions', (document) => {
    expect(parseSuppressions(document, RULE_IDS, NOW)).toEqual({ active: [], expired: [] });
  });

  it.each([
    ['a mapping instead of a list', { a: 1 }, 'file', undefined, undefined, 'expected a list of entries'],
    ['an entry that is not a mapping', ['x'], '#1', undefined, undefined, 'expected a mapping'],
    ['no reason', [{ ...valid, reason: undefined }], '"ci-role" (#1)', 'reason', undefined, 'required'],
    ['an empty owner', [{ ...valid, owner: ' ' }], '"ci-role" (#1)', 'owner', undefined, 'required'],
    ['a bad id', [{ ...valid, id: 'has space' }], '#1', 'id', undefined, 'expected 1-64'],
    ['a repeated id', [valid, valid], '"ci-role" (#2)', 'id', undefined, 'same id'],
    ['an unknown field', [{ ...valid, note: 'x' }], '"ci-role" (#1)', 'note', undefined, 'unknown field'],
    ['an unknown rule', [{ ...valid, rules: ['Nope'] }], '"ci-role" (#1)', 'rules', undefined, 'unknown rule Nope'],
    ['no rules', [{ ...valid, rules: [] }], '"ci-role" (#1)', 'rules', undefined, "expected '*'"],
    ['a bad pattern', [{ ...valid, pattern: '{ $.a = "x" && }' }], '"ci-role" (#1)', 'pattern', 16, ''],
    ['a date that does not exist', [{ ...valid, expires: '2027-02-30' }], '"ci-role" (#1)', 'expires', undefined, 'a date such as'],
    ['no expiry', [{ ...valid, expires: undefined }], '"ci-role" (#1)', 'expires', undefined, 'required'],
    ['an expiry over a year ahead', [{ ...valid, expires: '2027-12-31' }], '"ci-role" (#1)', 'expires', undefined, 'more than 366 days ahead'],
  ])('rejects %s, naming the entry, the field and the column', (_, document, entry, field, column, reason) => {
    const error = thrown(SuppressionError, () => parseSuppressions(document, RULE_IDS, NOW));
    expect({ entry: error.entry, field: error.field, column: error.column }).toEqual({ entry, field, column });
    expect(error.reason).toContain(reason);
    expect(error.message).toContain(`Invalid suppression ${entry}`);
  });

  it("accepts '*' for every rule", () => {
    expect(parseSuppressions([{ ...valid, rules: '*' }], RULE_IDS, NOW).active[0]?.rules).toBe('*');
  });
});

describe('the suppressions file (checked at package time)', () => {
  const write = (name: string, text: string) => {
    const path = join(tmpdir(), `trailwatch-${process.pid}-${name}.yml`);
    writeFileSync(path, text);
    return path;
  };

  it('the shipped example is all comments, and every example entry is valid once uncommented', () => {
    const shipped = readFileSync(join(__dirname, '..', '..', 'suppressions.yml'), 'utf8');
    expect(loadSuppressionsFile(write('shipped', shipped), RULE_IDS, { now: NOW })).toBe('null');
    const uncommented = shipped
      .split('\n')
      .filter((line) => /^# (- | {2}[a-z])/.test(line))
      .map((line) => line.slice(2))
      .join('\n');
    const entries = JSON.parse(loadSuppressionsFile(write('uncommented', uncommented), RULE_IDS, { now: NOW })) as { id: string }[];
    expect(entries.map((e) => e.id)).toEqual(['aws-service-linked-roles', 'ci-deploy-role']);
  });

  it('reports a YAML error with its line and column', () => {
    const path = write('broken', '- id: a\n  rules: [x\n');
    expect(() => loadSuppressionsFile(path, RULE_IDS, { now: NOW })).toThrow(/Invalid suppression file .*line \d+, column \d+/);
  });

  it('names the file and the entry for an invalid entry', () => {
    const path = write('invalid', '- id: ci\n  rules: "*"\n  pattern: "{ $.a = }"\n  reason: r\n  owner: o\n  expires: 2027-01-01\n');
    expect(() => loadSuppressionsFile(path, RULE_IDS, { now: NOW })).toThrow(/invalid\.yml: Invalid suppression "ci" \(#1\), field pattern, column \d+/);
  });

  it('a missing file is an error only when it was asked for', () => {
    expect(loadSuppressionsFile('no-such-file.yml', RULE_IDS)).toBe('null');
    expect(() => loadSuppressionsFile('no-such-file.yml', RULE_IDS, { required: true })).toThrow('no-such-file.yml does not exist');
  });
});
