import { subscriptionFilterPattern } from '../rules/prefilter';
import { CLOUDTRAIL_DETAIL_TYPES } from '../sources/eventbridge';
import { NO_SINKS, type SinkSettings, sinkEnvironment, sinkResources, sinkStatements } from './sinks';

/** Where the function reads CloudTrail from (the `source` param). */
export const SourceKind = { CloudWatch: 'cloudwatch', Kinesis: 'kinesis', EventBridge: 'eventbridge' } as const;
export type SourceKind = (typeof SourceKind)[keyof typeof SourceKind];

/** The params that shape a source's resources, already checked (lib/config.ts PARAMS). */
export interface SourceSettings {
  readonly source: SourceKind;
  readonly logGroupName: string;
  /** Every namespace a rule publishes to: the metricNamespace param, and the user rules' own. */
  readonly metricNamespaces: readonly string[];
  /** The subscription's pre-filter, generated from the rules. */
  readonly filterPattern: string;
  /** 0: an on-demand stream; more: a provisioned stream with this many shards. */
  readonly kinesisShards: number;
  readonly batchSize: number;
  readonly batchWindowSeconds: number;
  readonly parallelizationFactor: number;
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeSeconds: number;
  /** Accounts allowed to subscribe their log groups to the stream through a destination. */
  readonly destinationAccounts: readonly string[];
  /** An organization whose accounts may subscribe (aws:PrincipalOrgID). */
  readonly destinationOrgId: string;
  /** The optional outputs (Chatbot, Security Hub, EventBridge); none when unset. */
  readonly sinks?: SinkSettings;
}

type Json = Record<string, unknown>;

/** The alert topic: created by the stack, or the one given with --param alertTopicArn. */
const TOPIC_ARN = { 'Fn::If': ['CreateAlertTopic', { Ref: 'AlertTopic' }, { Ref: 'AlertTopicArn' }] };
const FUNCTION_ARN = { 'Fn::GetAtt': ['DetectorLambdaFunction', 'Arn'] };
const HANDLERS: Readonly<Record<SourceKind, string>> = {
  cloudwatch: 'handlers/detector.handler',
  kinesis: 'handlers/kinesis.handler',
  eventbridge: 'handlers/eventbridge.handler',
};
/** A Deny that takes every action away from requests that are not over TLS; it grants nothing. */
const denyInsecure = (action: string, resource: unknown) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: action,
  Resource: resource,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

/** True when some account may subscribe from outside: the stack then puts a destination in front of the stream. */
export function crossAccount(settings: Pick<SourceSettings, 'destinationAccounts' | 'destinationOrgId'>): boolean {
  return settings.destinationAccounts.length > 0 || settings.destinationOrgId !== '';
}

/** The function for this source: its handler and, for the asynchronous sources, the on-failure queue. */
export function sourceFunction(settings: SourceSettings): Json {
  const base = {
    handler: HANDLERS[settings.source],
    description: 'Counts root usage and no-MFA activity in CloudTrail like the CIS metric filters, and alerts with who did it',
    environment: sinkEnvironment(settings.sinks ?? NO_SINKS),
  };
  if (settings.source === SourceKind.Kinesis) return base;
  // CloudWatch Logs and EventBridge invoke asynchronously: 2 retries, then the queue keeps the event.
  return {
    ...base,
    maximumRetryAttempts: 2,
    maximumEventAge: 21600,
    destinations: { onFailure: { type: 'sqs', arn: { 'Fn::GetAtt': ['FailedBatchQueue', 'Arn'] } } },
  };
}

/**
 * Every resource that depends on the source: the function's role, the way CloudTrail
 * reaches the function, and where what fails is kept.
 */
export function sourceResources(settings: SourceSettings): { resources: Json; outputs: Json } {
  const resources: Json = { DetectorRole: detectorRole(settings) };
  const outputs: Json = {};
  Object.assign(resources, sinkResources(settings.sinks ?? NO_SINKS, outputs));
  if (settings.source === SourceKind.Kinesis) Object.assign(resources, kinesisResources(settings, outputs));
  else Object.assign(resources, failedBatchQueue(outputs));
  if (settings.source === SourceKind.CloudWatch) {
    resources.DetectorLogsInvokePermission = {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: FUNCTION_ARN,
        Principal: 'logs.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
        SourceArn: { 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${settings.logGroupName}:*` },
      },
    };
    resources.CloudTrailSubscription = {
      Type: 'AWS::Logs::SubscriptionFilter',
      DependsOn: 'DetectorLogsInvokePermission',
      Properties: { FilterName: 'trailwatch', LogGroupName: settings.logGroupName, FilterPattern: settings.filterPattern, DestinationArn: FUNCTION_ARN },
    };
  }
  if (settings.source === SourceKind.EventBridge) {
    resources.CloudTrailEventRule = {
      Type: 'AWS::Events::Rule',
      Properties: {
        Description: 'CloudTrail API calls and console sign-ins, for trailwatch',
        EventPattern: eventBridgePrefilter(settings.filterPattern === subscriptionFilterPattern()),
        // ENABLED would leave out read-only management events, which the metric filters count.
        State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
        Targets: [{ Id: 'trailwatch', Arn: FUNCTION_ARN }],
      },
    };
    resources.CloudTrailEventRuleInvokePermission = {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: FUNCTION_ARN,
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': ['CloudTrailEventRule', 'Arn'] },
      },
    };
  }
  return { resources, outputs };
}

/**
 * The EventBridge counterpart of the subscription's pre-filter. For the seed rules alone
 * (`seedOnly`), a superset of what they can match (the rules still decide exactly), so the
 * function is invoked for candidates only; `anything-but` needs the field to exist, as `!=`
 * does in a metric filter. For any other rule set, every CloudTrail event: a hand-written
 * narrowing could drop what another pack's rule matches.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
export function eventBridgePrefilter(seedOnly = true): Json {
  if (!seedOnly) return { 'detail-type': [...CLOUDTRAIL_DETAIL_TYPES] };
  return {
    'detail-type': [...CLOUDTRAIL_DETAIL_TYPES],
    $or: [
      { detail: { userIdentity: { type: ['Root'] } } },
      { detail: { userIdentity: { sessionContext: { attributes: { mfaAuthenticated: [{ 'anything-but': 'true' }] } } } } },
      { detail: { eventName: ['ConsoleLogin'], additionalEventData: { MFAUsed: ['No'] } } },
    ],
  };
}

function detectorRole(settings: SourceSettings): Json {
  const statements: Json[] = [
    // Its own log group only (the stack creates it, so no logs:CreateLogGroup).
    { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': ['DetectorLogGroup', 'Arn'] } },
    // PutMetricData has no resource type; the namespace condition is the narrowest scope.
    {
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: {
        StringEquals: { 'cloudwatch:namespace': settings.metricNamespaces.length === 1 ? settings.metricNamespaces[0] : [...settings.metricNamespaces] },
      },
    },
    // The state table: claim and finish batches (UpdateItem, also inside transactions), read and write alert windows.
    { Effect: 'Allow', Action: ['dynamodb:UpdateItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'], Resource: { 'Fn::GetAtt': ['StateTable', 'Arn'] } },
    { Effect: 'Allow', Action: 'sns:Publish', Resource: TOPIC_ARN },
    ...sinkStatements(settings.sinks ?? NO_SINKS),
  ];
  if (settings.source === SourceKind.Kinesis) {
    // What the event source mapping reads with the function's role, on this stream only.
    statements.push({
      Effect: 'Allow',
      Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
      Resource: { 'Fn::GetAtt': ['TrailStream', 'Arn'] },
    });
    // The event source mapping writes batches that failed every retry, with their records, to the bucket.
    statements.push({ Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': ['FailedRecordsBucket', 'Arn'] } });
    statements.push({ Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Sub': '${FailedRecordsBucket.Arn}/*' } });
  } else {
    // Lambda sends events that failed every retry to the on-failure queue with this role.
    statements.push({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['FailedBatchQueue', 'Arn'] } });
  }
  return {
    Type: 'AWS::IAM::Role',
    Metadata: {
      cdk_nag: {
        rules_to_suppress: [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              'cloudwatch:PutMetricData has no resource type, so its Resource must be "*"; the statement is scoped by the cloudwatch:namespace condition to the function\'s own namespace. In Kinesis mode, s3:PutObject is scoped to the objects of the failed-records bucket.',
            applies_to: ['Resource::*', ...(settings.source === SourceKind.Kinesis ? ['Resource::<FailedRecordsBucket.Arn>/*'] : [])],
          },
        ],
      },
    },
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [{ PolicyName: 'trailwatch-detector', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    },
  };
}

function failedBatchQueue(outputs: Json): Json {
  outputs.FailedBatchQueueUrl = { Value: { Ref: 'FailedBatchQueue' } };
  return {
    // Events that still fail after Lambda's retries land here, whole, with the error.
    FailedBatchQueue: {
      Type: 'AWS::SQS::Queue',
      Metadata: {
        cdk_nag: {
          rules_to_suppress: [
            {
              id: 'AwsSolutions-SQS3',
              reason:
                "This queue is itself the dead-letter destination of the function's failed batches; a queue behind it would only move the same messages again.",
            },
          ],
        },
      },
      Properties: { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
    },
    FailedBatchQueuePolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'FailedBatchQueue' }],
        PolicyDocument: { Version: '2012-10-17', Statement: [denyInsecure('sqs:*', { 'Fn::GetAtt': ['FailedBatchQueue', 'Arn'] })] },
      },
    },
    FailedBatchAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: { 'Fn::Sub': '${AWS::StackName}-FailedBatches' },
        AlarmDescription: 'A CloudTrail batch failed after all retries and is waiting in the on-failure queue',
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['FailedBatchQueue', 'QueueName'] } }],
        Statistic: 'Maximum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [TOPIC_ARN],
      },
    },
  };
}

/**
 * The stream, the role CloudWatch Logs writes with, the subscription, the event source
 * mapping, the bucket that keeps what fails, and, for other accounts, a destination.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 */
function kinesisResources(settings: SourceSettings, outputs: Json): Json {
  const streamArn = { 'Fn::GetAtt': ['TrailStream', 'Arn'] };
  const resources: Json = {
    TrailStream: {
      Type: 'AWS::Kinesis::Stream',
      Metadata: {
        cdk_nag: {
          rules_to_suppress: [
            {
              id: 'AwsSolutions-KDS3',
              reason:
                'The stream is encrypted with the AWS-managed key aws/kinesis; a customer-managed key would add a key policy that CloudWatch Logs, every sending account and the function must all be granted, for no gain in who can read the stream.',
            },
          ],
        },
      },
      Properties: {
        ...(settings.kinesisShards > 0
          ? { StreamModeDetails: { StreamMode: 'PROVISIONED' }, ShardCount: settings.kinesisShards }
          : { StreamModeDetails: { StreamMode: 'ON_DEMAND' } }),
        StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      },
    },
    // CloudWatch Logs puts the subscription's records into the stream with this role.
    LogsToKinesisRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'logs.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: logsSourceCondition(settings),
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'put-records',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: ['kinesis:PutRecord', 'kinesis:PutRecords'], Resource: streamArn }],
            },
          },
        ],
      },
    },
    CloudTrailSubscription: {
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: {
        FilterName: 'trailwatch',
        LogGroupName: settings.logGroupName,
        FilterPattern: settings.filterPattern,
        DestinationArn: streamArn,
        RoleArn: { 'Fn::GetAtt': ['LogsToKinesisRole', 'Arn'] },
      },
    },
    FailedRecordsBucket: {
      Type: 'AWS::S3::Bucket',
      Metadata: {
        cdk_nag: {
          rules_to_suppress: [
            {
              id: 'AwsSolutions-S1',
              reason:
                "Holds only the event source mapping's failed batches, written by Lambda with the function's role; CloudTrail records every API call on it, and an access-log bucket would itself need an access-log bucket.",
            },
          ],
        },
      },
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: { Rules: [{ Id: 'expire', Status: 'Enabled', ExpirationInDays: 90 }] },
      },
    },
    FailedRecordsBucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'FailedRecordsBucket' },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [denyInsecure('s3:*', [{ 'Fn::GetAtt': ['FailedRecordsBucket', 'Arn'] }, { 'Fn::Sub': '${FailedRecordsBucket.Arn}/*' }])],
        },
      },
    },
    DetectorStreamMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      DependsOn: 'DetectorRole',
      Properties: {
        FunctionName: FUNCTION_ARN,
        EventSourceArn: streamArn,
        StartingPosition: 'LATEST',
        BatchSize: settings.batchSize,
        MaximumBatchingWindowInSeconds: settings.batchWindowSeconds,
        ParallelizationFactor: settings.parallelizationFactor,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        // Bounded, so one bad record cannot hold a shard for the stream's whole retention.
        MaximumRetryAttempts: settings.maximumRetryAttempts,
        MaximumRecordAgeInSeconds: settings.maximumRecordAgeSeconds,
        // S3 keeps the whole invocation record, data included (SQS and SNS would keep only metadata).
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedRecordsBucket', 'Arn'] } } },
      },
    },
    StreamIteratorAgeAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: { 'Fn::Sub': '${AWS::StackName}-IteratorAge' },
        AlarmDescription: 'trailwatch is more than 5 minutes behind the CloudTrail stream',
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'DetectorLambdaFunction' } }],
        Statistic: 'Maximum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 300000,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [TOPIC_ARN],
      },
    },
  };
  outputs.TrailStreamArn = { Value: streamArn };
  outputs.FailedRecordsBucketName = { Value: { Ref: 'FailedRecordsBucket' } };
  if (crossAccount(settings)) {
    resources.TrailwatchDestination = {
      Type: 'AWS::Logs::Destination',
      Properties: {
        DestinationName: { 'Fn::Sub': '${AWS::StackName}' },
        TargetArn: streamArn,
        RoleArn: { 'Fn::GetAtt': ['LogsToKinesisRole', 'Arn'] },
        DestinationPolicy: { 'Fn::Sub': JSON.stringify(destinationPolicy(settings)) },
      },
    };
    outputs.DestinationArn = { Value: { 'Fn::GetAtt': ['TrailwatchDestination', 'Arn'] } };
  }
  return resources;
}

/**
 * Which log groups may make CloudWatch Logs assume the role: this account's, and those of
 * the accounts or the organization the destination is open to.
 */
function logsSourceCondition(settings: SourceSettings): Json {
  if (settings.destinationOrgId !== '') return { StringEquals: { 'aws:SourceOrgID': settings.destinationOrgId } };
  const accounts = ['${AWS::AccountId}', ...settings.destinationAccounts];
  return { StringLike: { 'aws:SourceArn': accounts.map((account) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:${account}:*` })) } };
}

/**
 * Who may subscribe to the destination: the listed accounts, or every account of the organization.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestination.html
 */
export function destinationPolicy(settings: Pick<SourceSettings, 'destinationAccounts' | 'destinationOrgId'>): Json {
  const resource = 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:destination:${AWS::StackName}';
  const statement =
    settings.destinationOrgId !== ''
      ? {
          Effect: 'Allow',
          Principal: '*',
          Action: 'logs:PutSubscriptionFilter',
          Resource: resource,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': [settings.destinationOrgId] } },
        }
      : { Effect: 'Allow', Principal: { AWS: [...settings.destinationAccounts] }, Action: 'logs:PutSubscriptionFilter', Resource: resource };
  return { Version: '2012-10-17', Statement: [statement] };
}

/**
 * What a member account deploys to send its CloudTrail log group to the central stream: one
 * subscription filter on the central account's destination, with the same pre-filter. The
 * destination and the log group must be in the same Region.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateSubscriptionFilter-Account.html
 */
export function memberAccountTemplate(filterPattern: string): Json {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: "trailwatch member account: subscribes this account's CloudTrail log group to the central trailwatch destination (same Region)",
    Parameters: {
      DestinationArn: {
        Type: 'String',
        AllowedPattern: '^arn:aws[a-z-]*:logs:[a-z0-9-]+:[0-9]{12}:destination:.+$',
        Description: "The central stack's DestinationArn output (trailwatch deployed with source=kinesis and destinationAccounts or destinationOrgId)",
      },
      LogGroupName: { Type: 'String', Default: 'aws-cloudtrail-logs', Description: "This account's CloudTrail log group" },
    },
    Resources: {
      TrailwatchSubscription: {
        Type: 'AWS::Logs::SubscriptionFilter',
        Properties: {
          FilterName: 'trailwatch',
          LogGroupName: { Ref: 'LogGroupName' },
          FilterPattern: filterPattern,
          DestinationArn: { Ref: 'DestinationArn' },
        },
      },
    },
  };
}
