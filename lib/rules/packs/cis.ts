import { type RuleDefinition, type RulePack, Severity } from '../types';
import { DEFAULT_METRIC_NAMESPACE } from './seed';

/**
 * Security Hub's CIS AWS Foundations controls CloudWatch.1–14: the metric filters it checks
 * for, verbatim ("This control fails if the exact metric filters prescribed by CIS are not
 * used"). The rule id is the control id.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
const CONTROLS: readonly (readonly [number, string, string, Severity, string])[] = [
  [
    1,
    'RootAccountUsageCIS',
    'Root account used (CIS)',
    Severity.Critical,
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  ],
  [2, 'UnauthorizedApiCalls', 'Unauthorized API calls', Severity.Medium, '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}'],
  [
    3,
    'ConsoleSignInWithoutMfaCIS',
    'Console sign-in without MFA (CIS)',
    Severity.High,
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  ],
  [
    4,
    'IamPolicyChanges',
    'IAM policy changed',
    Severity.High,
    '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  ],
  [
    5,
    'CloudTrailConfigChanges',
    'CloudTrail configuration changed',
    Severity.High,
    '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  ],
  [
    6,
    'ConsoleAuthenticationFailures',
    'Console authentication failed',
    Severity.Medium,
    '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  ],
  [
    7,
    'DisableOrDeleteCmk',
    'Customer managed key disabled or scheduled for deletion',
    Severity.High,
    '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  ],
  [
    8,
    'S3BucketPolicyChanges',
    'S3 bucket policy changed',
    Severity.Medium,
    '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  ],
  [
    9,
    'AwsConfigChanges',
    'AWS Config configuration changed',
    Severity.High,
    '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  ],
  [
    10,
    'SecurityGroupChanges',
    'Security group changed',
    Severity.Medium,
    '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  ],
  [
    11,
    'NaclChanges',
    'Network ACL changed',
    Severity.Medium,
    '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  ],
  [
    12,
    'NetworkGatewayChanges',
    'Network gateway changed',
    Severity.Medium,
    '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  ],
  [
    13,
    'RouteTableChanges',
    'Route table changed',
    Severity.Medium,
    '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  ],
  [
    14,
    'VpcChanges',
    'VPC changed',
    Severity.Medium,
    '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  ],
];

/** Security Hub CloudWatch.1–14 as rules: metric `<Name>Count`, in the seed's namespace. */
export const CIS_PACK: RulePack = Object.freeze({
  id: 'cis',
  rules: Object.freeze(
    CONTROLS.map(
      ([n, name, title, severity, pattern]): RuleDefinition =>
        Object.freeze({
          id: `CloudWatch.${n}`,
          pack: 'cis',
          metricName: `${name}Count`,
          namespace: DEFAULT_METRIC_NAMESPACE,
          metricValue: 1,
          pattern,
          title,
          severity,
          alert: { enabled: true },
        }),
    ),
  ),
});
