import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSubscriptionEvent } from '../lib/decode';
import { buildEvents } from '../scripts/build-events';

const EVENTS = join(__dirname, '..', 'events');

describe('sample events in events/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trailwatch-events-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const built = buildEvents(dir);

  it('are exactly what `npm run events` builds from events/records', () => {
    for (const path of built) {
      const name = path.slice(dir.length + 1);
      expect(readFileSync(join(EVENTS, name), 'utf8')).toBe(readFileSync(path, 'utf8'));
    }
    expect(readdirSync(EVENTS).filter((f) => f.endsWith('.json')).sort()).toEqual(built.map((p) => p.slice(dir.length + 1)).sort());
  });

  it.each(readdirSync(join(EVENTS, 'records')).map((f) => [f]))('%s decodes back to its readable records', (file) => {
    const records = JSON.parse(readFileSync(join(EVENTS, 'records', file), 'utf8')) as unknown[];
    const payload = decodeSubscriptionEvent(JSON.parse(readFileSync(join(EVENTS, file), 'utf8')));
    expect(payload.logEvents.map((e) => JSON.parse((e as { message: string }).message))).toEqual(records);
  });

  it('includes a CONTROL_MESSAGE', () => {
    expect(decodeSubscriptionEvent(JSON.parse(readFileSync(join(EVENTS, 'control-message.json'), 'utf8'))).messageType).toBe('CONTROL_MESSAGE');
  });
});
