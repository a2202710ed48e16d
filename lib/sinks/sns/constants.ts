/**
 * SNS message body: "at most 256 KB in size (262,144 bytes, not 262,144 characters)"; message
 * attributes count towards it.
 * @see https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 */
export const MAX_SNS_MESSAGE_BYTES = 262_144;
/**
 * SNS Subject: "must be less than 100 characters long", ASCII, no line breaks or control characters.
 * @see https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 */
export const MAX_SUBJECT_LENGTH = 99;
/**
 * PublishBatch: "Publishes up to ten messages to the specified topic".
 * @see https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
export const MAX_BATCH_ENTRIES = 10;
/**
 * PublishBatch: the total of all messages of one batch is at most 256 KB (262,144 bytes) too.
 * @see https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
export const MAX_BATCH_BYTES = 262_144;
/**
 * Message attribute names are at most 256 characters; we keep values as short.
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
 */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 256;
