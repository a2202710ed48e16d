/**
 * Builds the sample subscription events in events/ from the readable records in
 * events/records/: real gzip+base64 `awslogs` payloads for `serverless invoke local -p`.
 *
 *   npm run events                 reproducible: log timestamps are the records' eventTime
 *   npm run events -- --now        shifted so the newest record is a minute old, so that
 *                                  PutMetricData (which takes datapoints up to 2 weeks old) accepts them
 *   npm run events -- --out DIR    write somewhere else
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { awslogsEvent, kinesisEvent, subscriptionPayload } from '../support/awslogs';

const ROOT = resolve(__dirname, '..');
const RECORDS = join(ROOT, 'events', 'records');
const OWNER = '444455556666';
const LOG_GROUP = 'aws-cloudtrail-logs-444455556666';

export function buildEvents(outDir: string, now?: number): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const files = readdirSync(RECORDS)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const sets = files.map((file) => ({
    name: basename(file, '.json'),
    records: JSON.parse(readFileSync(join(RECORDS, file), 'utf8')) as Record<string, unknown>[],
  }));
  const times = sets.flatMap((s) => s.records.map((r) => Date.parse(String(r.eventTime))));
  const shift = now === undefined ? 0 : now - 60_000 - Math.max(...times);
  // Ids run on across the files, so no two sample events share a log event id (or a batch key).
  let firstLogEventId = 0;
  const payloads: Record<string, unknown>[] = [];
  const detailTimes: { record: Record<string, unknown>; time: string }[] = [];
  for (const { name, records } of sets) {
    const inputs = records.map((record) => {
      const timestamp = Date.parse(String(record.eventTime)) + shift;
      const eventTime = new Date(timestamp).toISOString().replace('.000Z', 'Z');
      return { message: { ...record, eventTime }, timestamp };
    });
    written.push(write(outDir, name, awslogsEvent(inputs, { owner: OWNER, logGroup: LOG_GROUP, firstLogEventId })));
    if (name !== 'mixed') payloads.push(subscriptionPayload(inputs, { owner: OWNER, logGroup: LOG_GROUP, firstLogEventId }));
    if (name === 'root-console-signin-no-mfa') for (const input of inputs) detailTimes.push({ record: input.message, time: input.message.eventTime as string });
    firstLogEventId += inputs.length;
  }
  // source=kinesis: one record per subscription message, and a control message among them.
  const control = subscriptionPayload([], { messageType: 'CONTROL_MESSAGE', owner: OWNER, logGroup: LOG_GROUP });
  const arrivalMs = now ?? Date.UTC(2026, 2, 2, 9, 16, 0);
  written.push(write(outDir, 'kinesis-records', kinesisEvent([...payloads.map((payload) => ({ payload })), { payload: control }], { arrivalMs })));
  // source=eventbridge: one CloudTrail event on the default bus.
  const [root] = detailTimes;
  if (root) {
    written.push(
      write(outDir, 'eventbridge-root-signin', {
        version: '0',
        id: '6f2b1c1e-1d2c-4c8e-9a3b-000000000001',
        'detail-type': 'AWS Console Sign In via CloudTrail',
        source: 'aws.signin',
        account: OWNER,
        time: root.time,
        region: 'us-east-1',
        resources: [],
        detail: root.record,
      }),
    );
  }
  const base = now ?? Date.UTC(2026, 2, 2, 9, 14, 0);
  written.push(write(outDir, 'control-message', awslogsEvent([], { messageType: 'CONTROL_MESSAGE', owner: OWNER, logGroup: LOG_GROUP, baseTimestamp: base })));
  return written;
}

function write(dir: string, name: string, event: unknown): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(event, null, 2)}\n`);
  return path;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 && args[outIndex + 1] ? resolve(args[outIndex + 1] as string) : join(ROOT, 'events');
  for (const path of buildEvents(out, args.includes('--now') ? Date.now() : undefined)) console.log(`wrote ${path}`);
}
