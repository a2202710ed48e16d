import type { EventBridgeEvent } from 'aws-lambda';
import { PayloadDecodeError, PayloadDecodeReason } from '../cloudwatch-logs/errors';
import type { Source } from '../types';

/**
 * The detail types of CloudTrail events on EventBridge that the rules can match.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-aws-service-specific-topics.html
 */
export const CLOUDTRAIL_DETAIL_TYPES = ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'] as const;

export type CloudTrailEvent = EventBridgeEvent<string, Record<string, unknown>>;

/**
 * One EventBridge event whose `detail` is the CloudTrail record: a batch of one log event
 * keyed by the event's id (EventBridge's own unique id), timed by its `time`. The record is
 * serialised once so that it goes through the same engine as a log event's message.
 */
export const eventBridgeSource: Source<CloudTrailEvent> = {
  name: 'eventbridge',
  accepts: (event): event is CloudTrailEvent => typeof (event as { 'detail-type'?: unknown } | null)?.['detail-type'] === 'string',
  decode: (event) => {
    const detail = (event as { detail?: unknown } | null)?.detail;
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
      throw new PayloadDecodeError(PayloadDecodeReason.InvalidPayload, 'the EventBridge event has no detail object: not a CloudTrail event');
    }
    const time = Date.parse(String(event.time));
    return {
      origin: { owner: event.account, logGroup: `eventbridge:${event.source}`, logStream: event.region },
      logEvents: [{ id: String(event.id), timestamp: Number.isFinite(time) ? time : Date.now(), message: JSON.stringify(detail) }],
    };
  },
};
