/** The Security Hub client, in its own chunk: loaded only by a deploy that sends findings (SECURITY_HUB=true). */
export { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
