export { AlertAccumulator, type AlertGroup, aggregateMatches, eventTime } from './aggregate';
export { MAX_EVENT_IDS_PER_ALERT, MAX_FIELD_LENGTH, MAX_OVERFLOW_LINES, MAX_SESSIONS_PER_ALERT, MAX_SOURCE_IPS_PER_ALERT } from './constants';
export { type AlertFacts, alertFacts, alertId, consoleUrl, DEFAULT_ID_WINDOW_SECONDS } from './facts';
export { extractIdentity, type Identity, identityKey } from './identity';
export {
  type AlertedGroup,
  applyAlertPolicy,
  type PolicyResult,
  type SinceLastAlert,
  type WindowState,
  windowKey,
  windowKeys,
  windowSecondsOf,
} from './policy';
export { asciiSubject, clip, displayValue, sanitizeField } from './sanitize';
