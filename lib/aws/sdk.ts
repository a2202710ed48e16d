/**
 * The only SDK values the detector uses. Imported lazily (`loadSdk` in lib/aws/clients.ts) so that a
 * cold start skips loading the SDK; named re-exports keep esbuild's tree-shaking working.
 */
export { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
export { BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
export { PublishBatchCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
