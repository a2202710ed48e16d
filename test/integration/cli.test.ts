import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { adoptCommand } from '../../cli/adopt';
import { s3Inputs } from '../../cli/inputs';
import { run } from '../../cli/main';
import { compileFilterPattern } from '../../lib/filter-pattern';
import { RULES } from '../../lib/rules';
import { ruleMatches } from '../../lib/rules/compiled';
import { cloudTrailKey, cloudTrailObject, digestKey, digestObject } from '../../support/exports';
import { RECORD_FIXTURES } from '../fixtures/records';
import { buffers } from '../helpers/output';
import { describeWithMoto, endpoint, REGION, unique } from './moto';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const records = RECORD_FIXTURES.map((f) => f.record);

describeWithMoto('trailwatch CLI against moto_server (S3, CloudWatch Logs)', () => {
  const saved = process.env.AWS_ENDPOINT_URL;
  beforeAll(() => {
    // The CLI's clients find moto the way a user points them anywhere: AWS_ENDPOINT_URL.
    process.env.AWS_ENDPOINT_URL = endpoint;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = saved;
  });

  it('replays s3://bucket/prefix: skips the digest, counts as the function would, and lists every page', async () => {
    const s3 = new S3Client({ region: REGION, endpoint, credentials, forcePathStyle: true });
    const bucket = unique('trail').toLowerCase();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const time = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
    const chunks = [records.slice(0, 4), records.slice(4, 8), records.slice(8)];
    for (const [i, chunk] of chunks.entries()) {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: cloudTrailKey({ time: time(i * 5), unique: `u${i}`.padEnd(16, 'x') }), Body: cloudTrailObject(chunk) }),
      );
    }
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: digestKey({ time: time(59) }), Body: digestObject(time(59)) }));
    const listed = await s3Inputs(s3, bucket, 'AWSLogs/', () => {}, 1);
    expect(listed.map((f) => f.path)).toEqual([...listed.map((f) => f.path)].sort());
    expect(listed).toHaveLength(3);
    s3.destroy();
    const o = buffers();
    expect(await run(['replay', `s3://${bucket}/AWSLogs/`, '--json', '--region', REGION], o)).toBe(0);
    const result = JSON.parse(o.out);
    expect(result.files).toBe(3);
    expect(result.skippedFiles).toEqual([expect.stringContaining('CloudTrail-Digest')]);
    expect(result.matched).toEqual(Object.fromEntries(RULES.map((rule) => [rule.id, records.filter((r) => ruleMatches(rule, r)).length])));
  });

  it("adopts a log group's metric filters (PutMetricFilter → adopt → replay gives the same counts)", async () => {
    const logs = new CloudWatchLogsClient({ region: REGION, endpoint, credentials });
    const logGroupName = unique('trail-group');
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    const filters = [
      { filterName: 'ConsoleLogins', filterPattern: '{ $.eventName = "ConsoleLogin" }' },
      { filterName: 'AccessDenied', filterPattern: '{ $.errorCode = "AccessDenied*" }' },
      { filterName: 'RootTerms', filterPattern: 'Root' },
    ];
    for (const f of filters) {
      await logs.send(
        new PutMetricFilterCommand({
          logGroupName,
          ...f,
          metricTransformations: [{ metricName: `${f.filterName}Count`, metricNamespace: 'Adopted', metricValue: '1', defaultValue: 0 }],
        }),
      );
    }
    logs.destroy();
    const dir = mkdtempSync(join(tmpdir(), 'trailwatch-adopt-'));
    const out = join(dir, 'rules.yml');
    const o = buffers();
    expect(await adoptCommand({ logGroup: logGroupName, out, packs: 'seed', severity: 'low', region: REGION }, o)).toBe(0);
    expect(o.out).toContain(`Adopted 3 metric filter transformation(s) of 3 filter(s) on ${logGroupName}`);
    expect(readFileSync(out, 'utf8')).toContain('defaultValue: 0');
    const file = join(dir, 'trail.json.gz');
    writeFileSync(file, cloudTrailObject(records));
    const replay = buffers();
    expect(await run(['replay', file, '--rules', out, '--json'], replay)).toBe(0);
    const matched = JSON.parse(replay.out).matched;
    for (const f of filters) {
      const pattern = compileFilterPattern(f.filterPattern);
      expect(matched[f.filterName]).toBe(records.filter((r) => pattern.matchesMessage(JSON.stringify(r))).length);
    }
    expect(matched.ConsoleLogins).toBeGreaterThan(0);
  });
});
