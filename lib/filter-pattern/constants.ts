/** Max filterPattern length: PutMetricFilter/PutSubscriptionFilter `filterPattern` 0–1024 (aws-facts §1.5). */
export const MAX_PATTERN_LENGTH = 1024;
/** "a limit of 2 regex for each filter pattern when creating a delimited or JSON filter pattern" (aws-facts §1.4). */
export const MAX_REGEX_PER_PATTERN = 2;
/** "up to one wildcard selector in a property selector" (aws-facts §1.1). */
export const MAX_WILDCARDS_PER_SELECTOR = 1;
/** "up to three wildcard selectors in a filter pattern with compound expressions" (aws-facts §1.1). */
export const MAX_WILDCARDS_PER_PATTERN = 3;
