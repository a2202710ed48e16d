/** The file that `serverless package` bundles when the suppressionsFile param is not set. */
export const DEFAULT_SUPPRESSIONS_FILE = 'suppressions.yml';
/** A suppression expires at most this long after it is checked: every entry is reviewed at least yearly. */
export const MAX_SUPPRESSION_DAYS = 366;
/** `rules: '*'` suppresses the pattern's matches for every rule. */
export const ALL_RULES = '*';
/** Suppression ids: short, and safe in logs and metric dimensions. */
export const SUPPRESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
