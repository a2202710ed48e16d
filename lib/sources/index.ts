export { cloudWatchLogsSource, decodeSubscriptionEvent, MAX_DECOMPRESSED_BYTES, MessageType, PayloadDecodeError, PayloadDecodeReason, type SubscriptionPayload } from './cloudwatch-logs';
export { parseRecord, RejectReason, toLogEvent, type LogEvent } from './log-event';
export type { BatchOrigin, DecodeOptions, Source, SourceBatch } from './types';
