/**
 * Custom notifications: `content.description` "Maximum length is 8,000 characters".
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 */
export const MAX_DESCRIPTION_LENGTH = 8000;
/**
 * Custom notifications: `content.title` "Maximum length is 250 characters".
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 */
export const MAX_TITLE_LENGTH = 250;
/**
 * Custom notifications: each `content.nextSteps` item is at most 350 characters.
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 */
export const MAX_NEXT_STEP_LENGTH = 350;
/**
 * Custom notifications: each `content.keywords` item is at most 75 characters.
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 */
export const MAX_KEYWORD_LENGTH = 75;
/**
 * `version` "Must be 1.0"; `source` "Must be custom"; "Only client-markdown textType is currently supported".
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 */
export const CHATBOT_SCHEMA = { version: '1.0', source: 'custom', textType: 'client-markdown' } as const;
/** Our own bound on `metadata.summary` and `metadata.threadId`, which AWS does not document. */
export const MAX_SUMMARY_LENGTH = 250;
