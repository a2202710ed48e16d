export { AlertAccumulator, aggregateMatches, eventTime, type AlertGroup } from './aggregate';
export { MAX_EVENT_IDS_PER_ALERT, MAX_FIELD_LENGTH, MAX_OVERFLOW_LINES, MAX_SOURCE_IPS_PER_ALERT } from './constants';
export { extractIdentity, identityKey, type Identity } from './identity';
export { asciiSubject, displayValue, sanitizeField } from './sanitize';
