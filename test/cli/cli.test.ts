import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { adoptCommand } from '../../cli/adopt';
import { openInOrder } from '../../cli/inputs';
import { run } from '../../cli/main';
import { testPatternCommand } from '../../cli/test-pattern';
import { compileMetricFilter } from '../../lib/filter-pattern';
import { RULES } from '../../lib/rules';
import { ruleMatches } from '../../lib/rules/compiled';
import { cloudTrailKey, cloudTrailObject, digestKey, digestObject, jsonLines } from '../../support/exports';
import { RECORD_FIXTURES } from '../fixtures/records';
import { buffers } from '../helpers/output';

const records = RECORD_FIXTURES.map((f) => f.record);
const expectedMatched = Object.fromEntries(RULES.map((rule) => [rule.id, records.filter((r) => ruleMatches(rule, r)).length]));

/** A CloudTrail bucket export in the real key layout: two log files and a digest beside them. */
function trailFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'trailwatch-cli-'));
  const files = [
    [cloudTrailKey({ time: new Date(Date.UTC(2026, 2, 2, 9, 10)) }), cloudTrailObject(records.slice(0, 5))],
    [cloudTrailKey({ time: new Date(Date.UTC(2026, 2, 2, 9, 20)), unique: 'zzzzzzzzzzzzzzzz' }), cloudTrailObject(records.slice(5))],
    [digestKey({ time: new Date(Date.UTC(2026, 2, 2, 10)) }), digestObject(new Date(Date.UTC(2026, 2, 2, 10)))],
  ] as const;
  for (const [key, body] of files) {
    mkdirSync(dirname(join(root, key)), { recursive: true });
    writeFileSync(join(root, key), body);
  }
  return root;
}

describe('trailwatch replay', () => {
  it('replays a CloudTrail export in its S3 layout, skipping the digest, with the handler summary shape', async () => {
    const root = trailFolder();
    const o = buffers();
    expect(await run(['replay', root, '--json'], o)).toBe(0);
    const result = JSON.parse(o.out);
    expect(result.matched).toEqual(expectedMatched);
    expect(result.records).toBe(records.length);
    expect(result.skippedFiles).toEqual([expect.stringContaining('CloudTrail-Digest')]);
    expect(result.metrics.reduce((s: number, m: { value: number }) => s + m.value, 0)).toBe(Object.values(expectedMatched).reduce((a, b) => a + b, 0));
  });

  it('prints counts, per-minute values and alerts as text', async () => {
    const o = buffers();
    expect(await run(['replay', trailFolder()], o)).toBe(0);
    expect(o.out).toContain(`Replayed ${records.length} log events from 2 file(s)`);
    expect(o.out).toMatch(/RootAccountUsage\s+\d+/);
    expect(o.out).toContain('Metric values per minute');
    expect(o.out).toContain('Alerts the function would have sent');
    expect(o.err).toBe('');
  });

  it('prints one JSON line per match with --jsonl', async () => {
    const o = buffers();
    expect(await run(['replay', trailFolder(), '--jsonl'], o)).toBe(0);
    const lines = o.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(Object.values(expectedMatched).reduce((a, b) => a + b, 0));
    expect(lines[0]).toEqual(
      expect.objectContaining({ rule: expect.any(String), file: expect.stringContaining('CloudTrail'), position: expect.stringMatching(/^record \d+$/) }),
    );
  });

  it('reports a corrupt file and a corrupt line with path and position, goes on, and exits 1 unless --keep-going', async () => {
    const root = mkdtempSync(join(tmpdir(), 'trailwatch-cli-'));
    writeFileSync(join(root, 'a.json.gz'), cloudTrailObject(records).subarray(0, 40));
    writeFileSync(join(root, 'b.jsonl'), `${jsonLines(records.slice(0, 2))}\n{"eventVersion": "1.08", "truncated\n`);
    const o = buffers();
    expect(await run(['replay', root, '--json'], o)).toBe(1);
    expect(JSON.parse(o.out).records).toBe(3);
    expect(o.err).toContain(`${join(root, 'a.json.gz')}`);
    expect(o.err).toContain(`${join(root, 'b.jsonl')} line 3: not a JSON object`);
    expect(await run(['replay', root, '--json', '--keep-going'], buffers())).toBe(0);
  });

  it('keeps only records inside --since/--until', async () => {
    const o = buffers();
    expect(await run(['replay', trailFolder(), '--json', '--since', '2099-01-01'], o)).toBe(0);
    expect(JSON.parse(o.out)).toMatchObject({ records: 0, outsideTimeRange: records.length });
  });

  it.each([
    [['replay', '/x', '--since', 'yesterday'], '--since "yesterday": expected an ISO date'],
    [['replay', '/x', '--packs', 'nope'], 'RULE_PACKS'],
    [['replay', '/x', '--concurrency', '0'], '--concurrency "0"'],
    [['replay'], "missing required argument 'sources'"],
    [['nonsense'], "unknown command 'nonsense'"],
  ])('refuses %j with a clear message and exit code 2', async (argv, message) => {
    const o = buffers();
    expect(await run(argv, o)).toBe(2);
    expect(o.err).toContain(message);
  });
});

describe('trailwatch test-pattern', () => {
  const stdin = (text: string) => Readable.from([Buffer.from(text)]);

  it.each([
    ['ERROR -ARGUMENTS', '[ERROR 400] BAD REQUEST\n[ERROR 419] MISSING ARGUMENTS\n', 0, '1 of 2 message(s) matched (terms pattern)'],
    ['{ $.a = 1 }', '{"a":2}\n', 1, '0 of 1 message(s) matched (json pattern)'],
    ['[ip, ..., bytes > 1000]', '1.2.3.4 GET / 200 5000\n', 0, 'value 5000'],
  ])('%s on %j → exit %i', async (pattern, input, code, text) => {
    const o = buffers();
    expect(await testPatternCommand(pattern, [], { value: pattern.startsWith('[') ? '$bytes' : '1' }, o, stdin(input))).toBe(code);
    expect(o.out).toContain(text);
  });

  it('prints a syntax error with a caret under the column, exit 2', async () => {
    const o = buffers();
    expect(await testPatternCommand('{ $.a == 1 }', [], { value: '1' }, o, stdin(''))).toBe(2);
    expect(o.err).toBe("{ $.a == 1 }\n      ^\n'==' is not an operator; expected '=' or '!=' (column 7)\n");
  });

  it('gives each match with its value and position as JSON', async () => {
    const o = buffers();
    await testPatternCommand('{ $.n > 1 }', [], { value: '$.n', json: true }, o, stdin('{"n":5}\n{"n":1}\n'));
    expect(JSON.parse(o.out)).toEqual({
      pattern: '{ $.n > 1 }',
      kind: 'json',
      tested: 2,
      matched: 1,
      matches: [{ eventNumber: 1, eventMessage: '{"n":5}', value: 5, source: 'stdin line 1' }],
    });
  });
});

describe('trailwatch adopt', () => {
  const filters = [
    {
      filterName: 'RootUse',
      filterPattern: '{ $.userIdentity.type = "Root" }',
      metricTransformations: [{ metricName: 'Root', metricNamespace: 'Sec', metricValue: '1', defaultValue: 0 }],
    },
    {
      filterName: 'Errors 4xx',
      filterPattern: 'ERROR -ARGUMENTS',
      metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }],
    },
    { filterName: 'Bytes', filterPattern: '[ip, ..., bytes]', metricTransformations: [{ metricName: 'Bytes', metricNamespace: 'App', metricValue: '$bytes' }] },
    { filterName: 'BadPattern', filterPattern: '{ $.a == 1 }', metricTransformations: [{ metricName: 'X', metricNamespace: 'App', metricValue: '1' }] },
    {
      filterName: 'WithDims',
      filterPattern: '{ $.a = 1 }',
      metricTransformations: [{ metricName: 'X', metricNamespace: 'App', metricValue: '1', dimensions: { a: '$.a' } }],
    },
    {
      filterName: 'RootAccountUsage',
      filterPattern: '{ $.b = 1 }',
      metricTransformations: [{ metricName: 'Y', metricNamespace: 'App', metricValue: '1', unit: 'Count' }],
    },
  ];

  it('writes rules that count what the filters count, lists what it leaves out, and says how to switch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trailwatch-adopt-'));
    const out = join(dir, 'rules.yml');
    const o = buffers();
    expect(await adoptCommand({ logGroup: 'lg', out, packs: 'seed', severity: 'medium' }, o, async () => filters)).toBe(0);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toContain('pattern: \'{ $.userIdentity.type = "Root" }\'');
    expect(yaml).toContain('id: Errors-4xx');
    expect(o.out).toContain('BadPattern: pattern not reproducible');
    expect(o.out).toContain('WithDims: dimensions (a)');
    expect(o.out).toContain('RootAccountUsage: unit Count');
    expect(o.out).toContain('nativeMetricFilters=true');
    expect(o.out).toContain("--filter-name 'Errors 4xx'");
    // The adopted rules, replayed, count exactly what the original filters count.
    const messages = ['[ERROR 400] BAD', '[ERROR 419] ARGUMENTS', '10.0.0.1 GET 300', JSON.stringify(records[0])];
    const file = join(dir, 'messages.jsonl');
    writeFileSync(file, `${messages.map((m) => JSON.stringify({ eventTime: '2026-03-01T00:00:00Z', wrapped: m })).join('\n')}\n`);
    const replay = buffers();
    const lines = join(dir, 'raw.log');
    writeFileSync(lines, messages.map((m) => `2026-03-01T00:00:00.000Z ${m}`).join('\n'));
    expect(await run(['replay', lines, '--rules', out, '--json', '--keep-going'], replay)).toBe(0);
    const matched = JSON.parse(replay.out).matched;
    for (const f of filters.slice(0, 3)) {
      const filter = compileMetricFilter({ filterPattern: f.filterPattern, metricValue: '1' });
      expect(matched[f.filterName.replace(' ', '-')]).toBe(messages.filter((m) => filter.filter.matchesMessage(m)).length);
    }
    expect(await adoptCommand({ logGroup: 'lg', out, packs: 'seed', severity: 'medium' }, buffers(), async () => filters).catch((e) => e.message)).toContain(
      'exists',
    );
  });
});

describe('help and version', () => {
  it.each([['replay'], ['test-pattern'], ['adopt']])('%s --help shows usage and examples', async (command) => {
    const o = buffers();
    expect(await run([command, '--help'], o)).toBe(0);
    expect(o.out).toContain(`Usage: trailwatch ${command}`);
    expect(o.out).toContain('Example');
  });

  it('--version prints the package version', async () => {
    const o = buffers();
    expect(await run(['--version'], o)).toBe(0);
    expect(o.out.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

describe('reading ahead', () => {
  it('opens files in order, at most `concurrency` ahead and within the byte budget', async () => {
    const opened: string[] = [];
    const file = (path: string, size: number) => ({
      path,
      size,
      open: async () => {
        opened.push(path);
        return (async function* () {})();
      },
    });
    const files = [file('a', 10), file('b', 10), file('c', 50), file('d', 10), file('e', 10)];
    const order: string[] = [];
    const seenWhenYielded: number[] = [];
    for await (const { file: f } of openInOrder(files, 3, 60)) {
      order.push(f.path);
      seenWhenYielded.push(opened.length);
    }
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
    // With a 60-byte budget, c (50) waits until a and b have been handed out.
    expect(seenWhenYielded[0]).toBe(2);
    expect(opened).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('still reads every file when one is larger than the budget', async () => {
    const file = (path: string, size: number) => ({ path, size, open: async () => (async function* () {})() });
    const order: string[] = [];
    for await (const { file: f } of openInOrder([file('big', 100), file('x', 10), file('huge', 500), file('y', 10)], 4, 60)) order.push(f.path);
    expect(order).toEqual(['big', 'x', 'huge', 'y']);
  });
});
