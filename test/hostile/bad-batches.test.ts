import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { summaryMessages } from '../../lib/pipeline';
import { MAX_SNS_MESSAGE_BYTES, MAX_SUBJECT_LENGTH } from '../../lib/sinks/sns';
import { PayloadDecodeError } from '../../lib/sources/cloudwatch-logs';
import { awslogsEvent, encodeAwslogs, subscriptionPayload } from '../../support/awslogs';
import { fixture } from '../fixtures/records';
import { loadDryRunHandler } from '../helpers/load-handler';

const handler = loadDryRunHandler();
const root = fixture('root-console-no-mfa').record;
const gz64 = (data: string | Buffer): string => gzipSync(data).toString('base64');

describe('a batch that cannot be read throws the typed error quickly, never a TypeError or a hang', () => {
  it.each([
    ['an empty event', {}, 'missing-data'],
    ['a null event', null, 'missing-data'],
    ['an undefined event', undefined, 'missing-data'],
    ['a string event', 'awslogs', 'missing-data'],
    ['awslogs null', { awslogs: null }, 'missing-data'],
    ['no awslogs.data', { awslogs: {} }, 'missing-data'],
    ['data that is a number', { awslogs: { data: 7 } }, 'missing-data'],
    ['data that is an object', { awslogs: { data: { a: 1 } } }, 'missing-data'],
    ['data that is not base64', { awslogs: { data: '%%%%' } }, 'not-base64'],
    ['base64 with spaces', { awslogs: { data: 'H4sI AAAA' } }, 'not-base64'],
    ['base64 that is not gzip', { awslogs: { data: Buffer.from('{"messageType":"DATA_MESSAGE"}').toString('base64') } }, 'not-gzip'],
    [
      'truncated gzip',
      {
        awslogs: {
          data: gzipSync(JSON.stringify(subscriptionPayload([root, root])))
            .subarray(0, 30)
            .toString('base64'),
        },
      },
      'not-gzip',
    ],
    ['random bytes', { awslogs: { data: randomBytes(4096).toString('base64') } }, 'not-gzip'],
    ['gzip of random bytes', { awslogs: { data: gz64(randomBytes(4096)) } }, 'not-json'],
    ['gzip of text that is not JSON', { awslogs: { data: gz64('<xml/>') } }, 'not-json'],
    ['gzip of a JSON array', encodeAwslogs([subscriptionPayload([root])]), 'invalid-payload'],
    ['gzip of JSON null', encodeAwslogs(null), 'invalid-payload'],
    ['no logEvents', encodeAwslogs({ messageType: 'DATA_MESSAGE' }), 'invalid-payload'],
    ['logEvents that is not an array', encodeAwslogs({ messageType: 'DATA_MESSAGE', logEvents: 'x' }), 'invalid-payload'],
    ['an unknown messageType', encodeAwslogs({ messageType: 'EVIL', logEvents: [] }), 'invalid-payload'],
  ])('%s → PayloadDecodeError(%s)', async (_label, event, reason) => {
    const started = Date.now();
    const error = await handler(event as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    // The handler has its own module registry (a cold start), so compare by name, not class.
    expect((error as Error).name).toBe(PayloadDecodeError.name);
    expect((error as PayloadDecodeError).reason).toBe(reason);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('no message can stop the rest of its batch', () => {
  const deep = (depth: number): string => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const hostile: [string, string][] = [
    ['not JSON', 'definitely not json'],
    ['a JSON array', '[1,2,3]'],
    ['a JSON scalar', '42'],
    ['JSON null', 'null'],
    ['an empty string', ''],
    ['a null userIdentity', '{"userIdentity":null,"eventType":"AwsApiCall"}'],
    [
      'types swapped',
      '{"userIdentity":{"type":["Root"],"sessionContext":"x","invokedBy":{}},"eventType":["AwsApiCall"],"eventName":1,"additionalEventData":[]}',
    ],
    ['NUL bytes', `{"userIdentity":{"type":"Root\u0000"},"eventType":"AwsApiCall\u0000"}`],
    ['a 256 KB message', JSON.stringify({ ...root, userAgent: 'A'.repeat(256 * 1024) })],
    ['deep nesting', deep(50_000)],
    [
      '__proto__ and constructor keys',
      '{"__proto__":{"userIdentity":{"type":"Root"}},"constructor":{"prototype":{"eventType":"x"}},"userIdentity":{"__proto__":{"type":"Root"}}}',
    ],
    ['a lone surrogate', '{"userAgent":"\\ud800","userIdentity":{"type":"Root"},"eventType":"AwsApiCall"}'],
  ];

  it.each(hostile)('%s: the good events around it are still counted', async (_label, message) => {
    const summary = await handler(awslogsEvent([{ message: root }, { message }, { message: root, id: 'other' }]));
    expect(summary.logEvents).toBe(3);
    expect(summary.rejected).toBeLessThanOrEqual(1);
    expect(summary.matched.RootAccountUsage).toBeGreaterThanOrEqual(2);
    expect(summary.matched.RootAccountUsage).toBeLessThanOrEqual(3);
  });

  it('all of them in one batch: the counts add up', async () => {
    const summary = await handler(awslogsEvent([...hostile.map(([, message]) => ({ message })), { message: root }]));
    expect(summary.logEvents).toBe(hostile.length + 1);
    // Not objects: not JSON, array, scalar, null, empty; and a raw NUL inside a string is invalid JSON.
    expect(summary.rejected).toBe(6);
    expect(summary.matched.RootAccountUsage).toBe(3);
    expect(({} as Record<string, unknown>).userIdentity).toBeUndefined();
  });

  it('a 256 KB field cannot push any SNS message over its limits', async () => {
    const summary = await handler(awslogsEvent([{ message: { ...root, userAgent: '\u202e\u001b[31m'.repeat(40_000) } }]));
    const entries = summaryMessages(summary);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.Subject?.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
      expect(Buffer.byteLength(entry.Message!)).toBeLessThan(MAX_SNS_MESSAGE_BYTES);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserts that no escape character got through
      expect(entry.Message).not.toMatch(/[\u001b\u202e]/);
      expect(entry.MessageStructure).toBeUndefined();
    }
  });
});

describe('logs never carry a record', () => {
  it('at the default level, nothing of a record’s content reaches stdout', async () => {
    const marker = 'SECRET-MARKER-7f3a9';
    const writes: string[] = [];
    const capture = (chunk: string | Uint8Array): boolean => {
      writes.push(String(chunk));
      return true;
    };
    const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
    try {
      const info = loadDryRunHandler({ LOG_LEVEL: 'INFO' });
      await info(awslogsEvent([{ message: { ...root, userAgent: marker } }, { message: `not json ${marker}` }, { message: `{"x":"${marker}"` }]));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const logged = writes.join('');
    expect(logged).toContain('trailwatch.summary');
    expect(logged).toContain('trailwatch.rejected-log-event');
    expect(logged).not.toContain(marker);
  });
});
