import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSubscriptionEvent } from '../lib/sources';
import { eventsInFile } from '../scripts/demo';
import { awslogsEvent } from '../support/awslogs';
import { fixture } from './fixtures/records';

const dir = mkdtempSync(join(tmpdir(), 'trailwatch-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const a = fixture('root-api-access-key').record;
const b = fixture('assumed-role-api-no-mfa').record;

describe('npm run demo -- FILE: the formats it reads', () => {
  it.each([
    ['a subscription event', JSON.stringify(awslogsEvent([a, b])), 2],
    ['{"Records": [...]}', JSON.stringify({ Records: [a, b] }), 2],
    ['a JSON array of records', JSON.stringify([a, b]), 2],
    ['one record', JSON.stringify(a), 1],
    ['JSON Lines', `${JSON.stringify(a)}\n${JSON.stringify(b)}\n\n${JSON.stringify(a)}\n`, 3],
  ])('%s', (name, text, count) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(path, text);
    const [event, ...rest] = eventsInFile(path, NOW);
    expect(rest).toEqual([]);
    const payload = decodeSubscriptionEvent(event);
    expect(payload.logEvents).toHaveLength(count);
    expect((payload.logEvents as { message: string }[]).every((e) => (JSON.parse(e.message) as { eventID: unknown }).eventID !== undefined)).toBe(true);
  });

  it('stamps plain records with the current time, so their metrics are inside PutMetricData’s window', () => {
    const path = join(dir, 'stamp.json');
    writeFileSync(path, JSON.stringify([a]));
    const [event] = eventsInFile(path, NOW);
    expect((decodeSubscriptionEvent(event).logEvents[0] as { timestamp: number }).timestamp).toBe(NOW);
  });
});

describe('npm run demo', () => {
  const ROOT = join(__dirname, '..');
  const run = (...args: string[]) =>
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'demo.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });

  it('reports every sample event, then one full alert', () => {
    const reported = run()
      .split('\n')
      .filter((line) => line.startsWith('== events/'));
    expect(reported).toHaveLength(readdirSync(join(ROOT, 'events')).filter((f) => f.endsWith('.json')).length);
    expect(reported.some((line) => line.startsWith('== events/mixed.json: 12 log events'))).toBe(true);
  });

  it('reports every file of a folder it is given', () => {
    const reported = run(join(ROOT, 'events', 'records'))
      .split('\n')
      .filter((line) => line.startsWith('== '));
    expect(reported.filter((line) => line.includes('log events'))).toHaveLength(readdirSync(join(ROOT, 'events', 'records')).length);
  });
});
