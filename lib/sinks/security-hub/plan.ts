import type { AwsSecurityFinding, BatchImportFindingsCommandInput } from '@aws-sdk/client-securityhub';
import { type AlertFacts, alertFacts, clip } from '../../alerts';
import type { Config } from '../../config';
import type { Severity } from '../../rules';
import { inBatches } from '../batches';
import type { Decisions } from '../types';
import { ASFF_LIMITS, MAX_CALL_BYTES, MAX_FINDING_BYTES, MAX_FINDINGS_PER_CALL, SCHEMA_VERSION } from './constants';

/** Our severities as ASFF labels. */
export const ASFF_SEVERITY: Readonly<Record<Severity, 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL'>> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  informational: 'INFORMATIONAL',
};

const USER = 'Unusual Behaviors/User';
const CIS = 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark';

/**
 * ASFF finding types (`namespace/category[/classifier]`) per CIS control: changes that blind
 * monitoring are defense evasion, IAM policy changes privilege escalation, bucket policy
 * changes data exposure. Every other rule is an unusual behaviour of a user.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-type-taxonomy.html
 */
const CIS_TYPES: Readonly<Record<string, readonly string[]>> = {
  'CloudWatch.4': ['TTPs/Privilege Escalation', USER],
  'CloudWatch.5': ['TTPs/Defense Evasion', USER],
  'CloudWatch.7': ['TTPs/Defense Evasion', USER],
  'CloudWatch.8': ['Effects/Data Exposure', USER],
  'CloudWatch.9': ['TTPs/Defense Evasion', USER],
};

export function findingTypes(rule: { id: string; pack: string }): string[] {
  if (rule.pack !== 'cis') return [USER];
  return [...(CIS_TYPES[rule.id] ?? [USER]), CIS];
}

/** The resource the finding is about: the IAM role of a session, the IAM user, or the principal as `Other`. */
function resource(facts: AlertFacts, config: NonNullable<Config['securityHub']>): NonNullable<AwsSecurityFinding['Resources']>[number] {
  const { principal } = facts;
  const type =
    principal.type === 'AssumedRole' && principal.sessionIssuerArn ? 'AwsIamRole' : principal.type === 'IAMUser' && principal.arn ? 'AwsIamUser' : 'Other';
  const id = type === 'AwsIamRole' ? (principal.sessionIssuerArn as string) : (principal.arn ?? principal.key);
  return { Type: type, Id: clip(id, ASFF_LIMITS.resourceId), Partition: config.partition as 'aws', Region: config.region };
}

/**
 * One ASFF finding per alerted group. The Id is the alert id, stable per rule, principal
 * and window, so a repeat or a retry updates the finding instead of adding one; UpdatedAt
 * is the invocation's clock, so each update is newer than the last.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format.html
 */
export function buildFinding(facts: AlertFacts, config: NonNullable<Config['securityHub']>, now: number): AwsSecurityFinding {
  const { rule, principal, from, what } = facts;
  const label = ASFF_SEVERITY[rule.severity];
  const types = findingTypes(rule);
  const who = principal.type === 'Root' ? `root in ${principal.accountId ?? 'unknown account'}` : principal.label;
  const description = [
    `${facts.count} event(s) from ${facts.firstTime} to ${facts.lastTime} matched ${rule.id} (${rule.pattern}).`,
    `Who: ${principal.arn ?? principal.key} (${principal.type ?? '-'}), account ${principal.accountId ?? '-'}.`,
    `From: ${from.sourceIps.join(', ') || '-'}, user agent ${from.userAgent ?? '-'}, Region ${from.region ?? '-'}.`,
    `What: ${what.eventSource ?? '-'} ${what.eventName ?? '-'}, result ${what.result}, MFA ${what.mfaAuthenticated ?? what.mfaUsed ?? '-'}.`,
  ].join(' ');
  const finding: AwsSecurityFinding = {
    SchemaVersion: SCHEMA_VERSION,
    Id: clip(`trailwatch/${facts.alertId}`, ASFF_LIMITS.id),
    ProductArn: config.productArn,
    ProductName: 'trailwatch',
    CompanyName: 'trailwatch',
    GeneratorId: clip(`trailwatch/${rule.pack}/${rule.id}`, ASFF_LIMITS.generatorId),
    AwsAccountId: config.accountId,
    Region: config.region,
    Types: types,
    CreatedAt: facts.windowStart,
    UpdatedAt: new Date(now).toISOString(),
    FirstObservedAt: facts.firstTime,
    LastObservedAt: facts.lastTime,
    Severity: { Label: label, Original: rule.severity },
    Title: clip(`trailwatch: ${rule.title}: ${who}`, ASFF_LIMITS.title),
    Description: clip(description, ASFF_LIMITS.description),
    ...(facts.consoleUrl ? { SourceUrl: clip(facts.consoleUrl, ASFF_LIMITS.sourceUrl) } : {}),
    ProductFields: {
      'trailwatch/rule': rule.id,
      'trailwatch/pack': rule.pack,
      'trailwatch/count': String(facts.count),
      'trailwatch/metric': clip(`${rule.namespace}/${rule.metricName}`, ASFF_LIMITS.productFieldValue),
      ...(what.eventId ? { 'trailwatch/firstEventId': what.eventId } : {}),
      ...(what.eventName ? { 'trailwatch/eventName': what.eventName } : {}),
    },
    Resources: [resource(facts, config)],
    ...(rule.pack === 'cis' ? { Compliance: { Status: 'WARNING', RelatedRequirements: [rule.id] } } : {}),
    FindingProviderFields: { Severity: { Label: label, Original: rule.severity }, Types: types },
    RecordState: 'ACTIVE',
  };
  return finding;
}

/** BatchImportFindings inputs: every alerted group's finding, at most 100 and 6 MB per call. */
export function planFindings(decisions: Decisions, config: Config, now: number): BatchImportFindingsCommandInput[] {
  const hub = config.securityHub;
  if (!hub || decisions.alertGroups.length === 0) return [];
  const sized = decisions.alertGroups.map((group) => {
    const finding = buildFinding(alertFacts(group, config.alertWindowSeconds), hub, now);
    const size = Buffer.byteLength(JSON.stringify(finding));
    if (size > MAX_FINDING_BYTES) throw new Error(`finding ${finding.Id} is over ${MAX_FINDING_BYTES} bytes`);
    return { finding, size };
  });
  return inBatches(sized, ({ size }) => size, MAX_FINDINGS_PER_CALL, MAX_CALL_BYTES).map((batch) => ({ Findings: batch.map(({ finding }) => finding) }));
}
