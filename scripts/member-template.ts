/**
 * npm run member-template: writes deploy/member-account.json, the CloudFormation template a
 * member account deploys to subscribe its CloudTrail log group to the central destination.
 * Generated from the rules (the same pre-filter); a test checks the committed file is current.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memberAccountTemplate } from '../lib/deploy/sources';
import { subscriptionFilterPattern } from '../lib/rules';

export const MEMBER_TEMPLATE = join(__dirname, '..', 'deploy', 'member-account.json');

export function memberTemplateText(): string {
  return `${JSON.stringify(memberAccountTemplate(subscriptionFilterPattern()), null, 2)}\n`;
}

if (require.main === module) {
  mkdirSync(join(__dirname, '..', 'deploy'), { recursive: true });
  writeFileSync(MEMBER_TEMPLATE, memberTemplateText());
  console.log(`wrote ${MEMBER_TEMPLATE}`);
}
