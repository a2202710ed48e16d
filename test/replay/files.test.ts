import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  detectFormat,
  type FileProblem,
  type FileRecord,
  InputFormat,
  RecordsFormatError,
  RecordsSplitter,
  readFileRecords,
  skipReason,
} from '../../lib/sources/files';
import { awslogsEvent, kinesisEvent, subscriptionPayload } from '../../support/awslogs';
import { cloudTrailKey, cloudTrailObject, digestKey, jsonLines, logsExportObject } from '../../support/exports';
import { RECORD_FIXTURES } from '../fixtures/records';

const records = RECORD_FIXTURES.map((f) => f.record);

function split(text: string, chunkSizes: readonly number[]): string[] {
  const out: string[] = [];
  const splitter = new RecordsSplitter((t) => out.push(t));
  const bytes = Buffer.from(text);
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = chunkSizes.length === 0 ? bytes.length : Math.max(1, chunkSizes[i % chunkSizes.length] as number);
    splitter.push(bytes.subarray(at, at + size));
    at += size;
  }
  splitter.end();
  return out;
}

async function readAll(body: Buffer | string, options = {}): Promise<{ records: FileRecord[]; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  const out: FileRecord[] = [];
  const chunks = typeof body === 'string' ? [Buffer.from(body)] : [body];
  for await (const batch of readFileRecords(
    'f',
    (async function* () {
      yield* chunks;
    })(),
    (p) => problems.push(p),
    options,
  ))
    out.push(...batch);
  return { records: out, problems };
}

describe('RecordsSplitter: a CloudTrail file split into records as its bytes arrive', () => {
  const file = `{"Records":[${records.map((r) => JSON.stringify(r)).join(',')}]}`;

  it.each([[[]], [[1]], [[2]], [[3, 7]], [[64]], [[1000]]])('gives every record whole whatever the chunk sizes (%j)', (sizes) => {
    const texts = split(file, sizes);
    expect(texts.map((t) => JSON.parse(t))).toEqual(records);
  });

  it.each([
    ['a string holding braces, brackets and escaped quotes', '{"Records":[{"a":"}{][\\"\\\\","b":[1,{"c":"]"}]}]}', [{ a: '}{]["\\', b: [1, { c: ']' }] }]],
    ['other top-level keys before and after, with nested values', '{"x":{"Records":[1]},"Records":[{"a":1}],"y":["Records"]}', [{ a: 1 }]],
    ['whitespace and newlines (a pretty-printed file)', '{\n  "Records" : [\n    { "a" : 1 } ,\n    {"b":2}\n  ]\n}\n', [{ a: 1 }, { b: 2 }]],
    ['no records', '{"Records":[]}', []],
    ['multi-byte characters split between chunks, and a key with an escape', '{"Rec\\u006frds":1,"Records":[{"é":"€😀\\\\"}]}', [{ é: '€😀\\' }]],
    ['a key that only starts like Records', '{"RecordsX":[{"a":1}],"Records":[{"b":2}]}', [{ b: 2 }]],
  ])('handles %s', (_name, text, expected) => {
    for (const sizes of [[], [1], [2], [5]]) expect(split(text, sizes).map((t) => JSON.parse(t))).toEqual(expected);
  });

  it.each([
    ['a truncated file', '{"Records":[{"a":1},{"b":', 1, 'ends before its JSON does'],
    ['text that is not a JSON object', 'hello', 0, 'expected a JSON object'],
    ['a record that is not an object', '{"Records":[{"a":1},2]}', 1, 'expected a record'],
    ['text after the object', '{"Records":[]} x', 0, 'unexpected text'],
  ])('refuses %s, naming the record', (_name, text, index, reason) => {
    let caught: unknown;
    try {
      split(text, [3]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RecordsFormatError);
    expect(caught).toMatchObject({ index });
    expect((caught as Error).message).toContain(reason);
  });

  it('agrees with JSON.parse on arbitrary records and chunkings (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 5 }),
        (recs, sizes) => {
          const text = JSON.stringify({ before: 'x', Records: recs, after: [{ Records: 1 }] });
          const got = split(text, sizes).map((t) => JSON.parse(t));
          expect(got).toEqual(JSON.parse(text).Records);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('readFileRecords: every format replay reads', () => {
  it('reads a gzip CloudTrail file, timing each record by its eventTime', async () => {
    const { records: got, problems } = await readAll(cloudTrailObject(records));
    expect(problems).toEqual([]);
    expect(got.map((r) => JSON.parse(r.message))).toEqual(records);
    expect(got[0]).toMatchObject({ position: 'record 0', timestamp: Date.parse(records[0]?.eventTime as string) });
  });

  it('reads JSON Lines, plain or gzip, skipping blank lines and naming lines', async () => {
    const text = `${jsonLines(records.slice(0, 2))}\n\n${jsonLines(records.slice(2, 3))}\r\n`;
    for (const body of [text, gzipSync(text)]) {
      const { records: got } = await readAll(body);
      expect(got.map((r) => r.position)).toEqual(['line 1', 'line 2', 'line 4']);
    }
  });

  it('reads a CloudWatch Logs export with its own timestamps', async () => {
    const { records: got } = await readAll(logsExportObject([{ timestamp: Date.UTC(2026, 2, 1), message: '{"a":1}' }]));
    expect(got).toEqual([{ message: '{"a":1}', timestamp: Date.UTC(2026, 2, 1), position: 'line 1' }]);
  });

  it.each([
    ['a subscription event as Lambda receives it', JSON.stringify(awslogsEvent(records.slice(0, 3)), null, 2), 3],
    ['a decoded subscription payload', JSON.stringify(subscriptionPayload(records.slice(0, 2))), 2],
    [
      'a Kinesis event of subscription records',
      JSON.stringify(kinesisEvent([{ payload: subscriptionPayload(records.slice(0, 2)) }, { payload: subscriptionPayload(records.slice(2, 4)) }]), null, 2),
      4,
    ],
    ['an EventBridge CloudTrail event', JSON.stringify({ version: '0', 'detail-type': 'AWS API Call via CloudTrail', detail: records[0] }, null, 2), 1],
    ['an array of records', JSON.stringify(records.slice(0, 3), null, 2), 3],
    ['one pretty-printed record', JSON.stringify(records[0], null, 2), 1],
  ])('reads %s', async (_name, text, count) => {
    const { records: got, problems } = await readAll(text);
    expect(problems).toEqual([]);
    expect(got).toHaveLength(count);
  });

  it('reports a corrupt gzip file after the records before the damage', async () => {
    const good = cloudTrailObject(records);
    const { problems } = await readAll(good.subarray(0, Math.floor(good.length / 2)));
    expect(problems).toEqual([expect.objectContaining({ path: 'f', reason: expect.stringContaining('') })]);
  });

  it('reports a file it cannot recognise, and a bad export line, and goes on', async () => {
    expect((await readAll('hello world')).problems).toEqual([{ path: 'f', reason: expect.stringContaining('not a CloudTrail log file') }]);
    const bad = await readAll(gzipSync('2026-03-01T00:00:00.000Z {"a":1}\nnot-a-time x\n'));
    expect(bad.problems).toEqual([{ path: 'f', position: 'line 2', reason: 'expected "<ISO timestamp> <message>"' }]);
  });

  it('reads any text line by line when asked (test-pattern)', async () => {
    const { records: got } = await readAll('[ERROR 400] BAD REQUEST\nINFO fine\n', { plainLines: true });
    expect(got.map((r) => r.message)).toEqual(['[ERROR 400] BAD REQUEST', 'INFO fine']);
  });

  it.each([
    ['{"Records":[', InputFormat.CloudTrail],
    ['{"Records":[{"kinesis":{}}]}', InputFormat.Document],
    ['{"a":1}\n{"a":2}', InputFormat.JsonLines],
    ['{\n  "a": 1\n}', InputFormat.Document],
    ['[{"a":1}]', InputFormat.Document],
    ['[ERROR] x', undefined],
    ['2026-03-01T00:00:00.000Z {}', InputFormat.LogsExport],
  ])('tells %j is %s', (head, format) => {
    expect(detectFormat(head)).toBe(format);
  });
});

describe('the S3 key layout', () => {
  const time = new Date(Date.UTC(2026, 2, 1, 9, 5));
  it('builds CloudTrail keys as documented and skips digests and Insights', () => {
    expect(cloudTrailKey({ time })).toBe(
      'AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/01/111122223333_CloudTrail_us-east-1_20260301T0905Z_a1B2c3D4e5F6g7H8.json.gz',
    );
    expect(cloudTrailKey({ time, orgId: 'o-abc', prefix: 'p' })).toMatch(/^p\/AWSLogs\/o-abc\/111122223333\/CloudTrail\//);
    expect(skipReason(cloudTrailKey({ time }))).toBeUndefined();
    expect(skipReason(digestKey({ time }))).toContain('CloudTrail-Digest');
    expect(skipReason('AWSLogs/1/CloudTrail-Insight/us-east-1/x.json.gz')).toContain('CloudTrail-Insight');
  });
});

describe('readFileRecords: edge cases', () => {
  it('reads an empty file as no records and no problem', async () => {
    expect(await readAll(Buffer.alloc(0))).toEqual({ records: [], problems: [] });
  });

  it('times a record without a usable eventTime by the record before it', async () => {
    const { records: got } = await readAll(
      `{"eventTime":"2026-03-01T00:00:00Z","a":1}\n{"a":2}\n{"eventTime":"not a time"}\n{"eventTime":"${'9'.repeat(50)}"}\n`,
    );
    expect(got.map((r) => r.timestamp)).toEqual([Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 1)]);
  });

  it.each([
    ['a document that is a JSON string', '"just text"\n', 'not a CloudTrail log file'],
    [
      'a subscription payload whose log event has no timestamp',
      JSON.stringify({ messageType: 'DATA_MESSAGE', logEvents: [{ message: 'x' }] }),
      'a log event needs a string message and a numeric timestamp',
    ],
    ['a Kinesis record that is not gzip', JSON.stringify({ Records: [{ kinesis: { data: 'bm90IGd6aXA=' }, eventSource: 'aws:kinesis' }] }), 'gzip'],
    ['a document that is not JSON', '{\n  "a": \n', 'JSON'],
  ])('reports %s', async (_name, text, reason) => {
    const { problems } = await readAll(text);
    expect(problems).toEqual([expect.objectContaining({ path: 'f', reason: expect.stringContaining(reason) })]);
  });

  it('reads chunks given as strings, and a payload without log events as none', async () => {
    const problems: FileProblem[] = [];
    const out: FileRecord[] = [];
    const source = (async function* () {
      yield '{"a":1}\n';
      yield '{"a":2}\n';
    })();
    for await (const batch of readFileRecords('s', source, (p) => problems.push(p))) out.push(...batch);
    expect(out.map((r) => r.message)).toEqual(['{"a":1}', '{"a":2}']);
    expect((await readAll(JSON.stringify({ messageType: 'CONTROL_MESSAGE', logEvents: null }))).records).toEqual([]);
  });

  it('tells a one-line object without a newline as JSON Lines', () => {
    expect(detectFormat('{"a":1}')).toBe(InputFormat.JsonLines);
    expect(detectFormat('{"a":')).toBe(InputFormat.Document);
  });
});
