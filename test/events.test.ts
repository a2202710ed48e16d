import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeKinesisEvent, decodeSubscriptionEvent, isKinesisEvent } from '../lib/sources';
import { buildEvents } from '../scripts/build-events';

const EVENTS = join(__dirname, '..', 'events');

describe('sample events in events/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trailwatch-events-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const built = buildEvents(dir);

  // Compared decoded: gzip's bytes may differ between zlib builds, the payload may not.
  const payloadOf = (path: string): unknown => {
    const event = JSON.parse(readFileSync(path, 'utf8'));
    if (isKinesisEvent(event)) return decodeKinesisEvent(event, 1e9).map((r) => (r.kind === 'data' ? r.batch : r.kind));
    if ('detail-type' in event) return event;
    return decodeSubscriptionEvent(event);
  };
  it('are exactly what `npm run events` builds from events/records', () => {
    for (const path of built) {
      const name = path.slice(dir.length + 1);
      expect(payloadOf(join(EVENTS, name))).toEqual(payloadOf(path));
    }
    expect(
      readdirSync(EVENTS)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(built.map((p) => p.slice(dir.length + 1)).sort());
  });

  it.each(readdirSync(join(EVENTS, 'records')).map((f) => [f]))('%s decodes back to its readable records', (file) => {
    const records = JSON.parse(readFileSync(join(EVENTS, 'records', file), 'utf8')) as unknown[];
    const payload = decodeSubscriptionEvent(JSON.parse(readFileSync(join(EVENTS, file), 'utf8')));
    expect(payload.logEvents.map((e) => JSON.parse((e as { message: string }).message))).toEqual(records);
  });

  it('include a Kinesis event of subscription messages (one a control message) and an EventBridge CloudTrail event', () => {
    const kinesis = JSON.parse(readFileSync(join(EVENTS, 'kinesis-records.json'), 'utf8'));
    expect(decodeKinesisEvent(kinesis, 1e9).map((r) => r.kind)).toEqual(['data', 'data', 'data', 'data', 'control']);
    const eventbridge = JSON.parse(readFileSync(join(EVENTS, 'eventbridge-root-signin.json'), 'utf8'));
    expect(eventbridge.detail.userIdentity.type).toBe('Root');
  });

  it('includes a CONTROL_MESSAGE', () => {
    expect(decodeSubscriptionEvent(JSON.parse(readFileSync(join(EVENTS, 'control-message.json'), 'utf8'))).messageType).toBe('CONTROL_MESSAGE');
  });
});
