export {
  cloudWatchLogsSource,
  decodeSubscriptionData,
  decodeSubscriptionEvent,
  MAX_DECOMPRESSED_BYTES,
  MessageType,
  PayloadDecodeError,
  PayloadDecodeReason,
  type SubscriptionPayload,
} from './cloudwatch-logs';
export { CLOUDTRAIL_DETAIL_TYPES, type CloudTrailEvent, eventBridgeSource } from './eventbridge';
export { type DecodedRecord, decodeKinesisEvent, decodeKinesisRecord, isKinesisEvent, type RecordPosition } from './kinesis';
export { type LogEvent, parseRecord, RejectReason, toLogEvent } from './log-event';
export type { BatchOrigin, DecodeOptions, Source, SourceBatch } from './types';
