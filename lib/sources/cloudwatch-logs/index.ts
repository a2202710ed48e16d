import type { CloudWatchLogsEvent } from 'aws-lambda';
import type { Source } from '../types';
import { decodeSubscriptionEvent } from './decode';

export { decodeSubscriptionData, decodeSubscriptionEvent, MAX_DECOMPRESSED_BYTES, MessageType, type SubscriptionPayload } from './decode';
export { PayloadDecodeError, PayloadDecodeReason } from './errors';

/** A CloudWatch Logs subscription delivered straight to the function (`{ awslogs: { data } }`). */
export const cloudWatchLogsSource: Source<CloudWatchLogsEvent> = {
  name: 'cloudwatch-logs',
  accepts: (event): event is CloudWatchLogsEvent => typeof (event as { awslogs?: { data?: unknown } } | null)?.awslogs?.data === 'string',
  decode: (event, { maxBytes }) => {
    const { owner, logGroup, logStream, logEvents } = decodeSubscriptionEvent(event, maxBytes);
    return { origin: { owner, logGroup, logStream }, logEvents };
  },
};
