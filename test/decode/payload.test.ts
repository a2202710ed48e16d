import { gzipSync } from 'node:zlib';
import { decodeSubscriptionEvent, MAX_DECOMPRESSED_BYTES, PayloadDecodeError } from '../../lib/sources/cloudwatch-logs';
import { awslogsEvent, encodeAwslogs, subscriptionPayload } from '../../support/awslogs';

const gz64 = (text: string | Buffer): string => gzipSync(text).toString('base64');

function decodeError(event: unknown): PayloadDecodeError {
  try {
    decodeSubscriptionEvent(event);
  } catch (error) {
    if (error instanceof PayloadDecodeError) return error;
    throw error;
  }
  throw new Error('expected a PayloadDecodeError');
}

describe('decodeSubscriptionEvent', () => {
  it('decodes a real gzip+base64 subscription batch', () => {
    const payload = decodeSubscriptionEvent(awslogsEvent([{ eventName: 'A' }, { eventName: 'B' }]));
    expect(payload.messageType).toBe('DATA_MESSAGE');
    expect(payload.logGroup).toBe('aws-cloudtrail-logs-111122223333');
    expect(payload.logEvents).toHaveLength(2);
    expect(payload.logEvents[1]).toMatchObject({ message: '{"eventName":"B"}' });
  });

  it('returns no log events for a CONTROL_MESSAGE', () => {
    const payload = decodeSubscriptionEvent(awslogsEvent([], { messageType: 'CONTROL_MESSAGE' }));
    expect(payload.messageType).toBe('CONTROL_MESSAGE');
    expect(payload.logEvents).toEqual([]);
  });

  it.each([
    ['null event', null, 'missing-data'],
    ['empty event', {}, 'missing-data'],
    ['no data', { awslogs: {} }, 'missing-data'],
    ['data not a string', { awslogs: { data: 42 } }, 'missing-data'],
    ['empty data', { awslogs: { data: '' } }, 'missing-data'],
    ['not base64', { awslogs: { data: 'not base64!!' } }, 'not-base64'],
    ['base64 with bad length', { awslogs: { data: 'abcde' } }, 'not-base64'],
    ['base64 but not gzip', { awslogs: { data: Buffer.from('{"plain":"json"}').toString('base64') } }, 'not-gzip'],
    [
      'truncated gzip',
      {
        awslogs: {
          data: gzipSync(JSON.stringify(subscriptionPayload([{ a: 1 }])))
            .subarray(0, 20)
            .toString('base64'),
        },
      },
      'not-gzip',
    ],
    ['gzip of text that is not JSON', { awslogs: { data: gz64('hello, world') } }, 'not-json'],
    ['gzip of a JSON array', encodeAwslogs([1, 2]), 'invalid-payload'],
    ['gzip of a JSON string', encodeAwslogs('DATA_MESSAGE'), 'invalid-payload'],
    ['no messageType', encodeAwslogs({ logEvents: [] }), 'invalid-payload'],
    ['no logEvents', encodeAwslogs({ messageType: 'DATA_MESSAGE' }), 'invalid-payload'],
    ['logEvents not an array', encodeAwslogs({ messageType: 'DATA_MESSAGE', logEvents: { 0: 'x' } }), 'invalid-payload'],
  ])('%s → PayloadDecodeError(%s)', (_label, event, reason) => {
    const error = decodeError(event);
    expect(error.name).toBe('PayloadDecodeError');
    expect(error.reason).toBe(reason);
  });

  it('keeps the underlying error as cause', () => {
    expect(decodeError({ awslogs: { data: gz64('nope') } }).cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses a gzip bomb instead of inflating it', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_DECOMPRESSED_BYTES + 1, 0x20)).toString('base64');
    expect(decodeError({ awslogs: { data: bomb } }).reason).toBe('too-large');
  });
});
