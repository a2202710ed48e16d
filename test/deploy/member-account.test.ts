import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { subscriptionFilterPattern } from '../../lib/rules';
import { MEMBER_TEMPLATE, memberTemplateText } from '../../scripts/member-template';
import { nagTemplate } from '../../support/cdk-nag';

describe('deploy/member-account.json (what a member account deploys)', () => {
  it('is exactly what npm run member-template generates from the rules', () => {
    expect(readFileSync(MEMBER_TEMPLATE, 'utf8')).toBe(memberTemplateText());
  });

  it('subscribes the log group to the given destination with the pre-filter', () => {
    const template = JSON.parse(readFileSync(MEMBER_TEMPLATE, 'utf8'));
    expect(template.Resources.TrailwatchSubscription.Properties).toEqual({
      FilterName: 'trailwatch',
      LogGroupName: { Ref: 'LogGroupName' },
      FilterPattern: subscriptionFilterPattern(),
      DestinationArn: { Ref: 'DestinationArn' },
    });
    expect(new RegExp(template.Parameters.DestinationArn.AllowedPattern).test('arn:aws:logs:eu-west-1:111122223333:destination:trailwatch-prod')).toBe(true);
  });

  const cfnLint = spawnSync('cfn-lint', ['--version']).status === 0;
  (cfnLint || process.env.CI === 'true' ? it : it.skip)('is cfn-lint clean and passes cdk-nag', () => {
    const result = spawnSync('cfn-lint', [MEMBER_TEMPLATE], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(nagTemplate(MEMBER_TEMPLATE).findings).toEqual([]);
  });
});
