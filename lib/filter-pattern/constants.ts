/**
 * Longest filter pattern CloudWatch Logs accepts (`filterPattern`, 0–1024), counted in
 * characters (code points; see {@link patternLength}).
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html
 */
export const MAX_PATTERN_LENGTH = 1024;
/**
 * "a limit of 2 regex for each filter pattern when creating a delimited or JSON filter pattern".
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export const MAX_REGEX_PER_PATTERN = 2;
/**
 * "up to one wildcard selector in a property selector".
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export const MAX_WILDCARDS_PER_SELECTOR = 1;
/**
 * "up to three wildcard selectors in a filter pattern with compound expressions".
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export const MAX_WILDCARDS_PER_PATTERN = 3;

/**
 * A pattern's length as the limit counts it: in characters (code points), so an emoji is one,
 * not two UTF-16 units. The parser and the generated pre-filter both use this one count.
 */
export function patternLength(pattern: string): number {
  let length = 0;
  for (const _ of pattern) length++;
  return length;
}
