type Json = Record<string, unknown>;

/** The optional outputs a deploy turns on (params chatTopicArn, securityHub, eventBusName). */
export interface SinkSettings {
  /** '' off, 'create' a new topic in the stack, or an existing topic's ARN. */
  readonly chatTopic: string;
  readonly securityHub: boolean;
  /** '' off, or a bus name or ARN. */
  readonly eventBusName: string;
}

export const NO_SINKS: SinkSettings = { chatTopic: '', securityHub: false, eventBusName: '' };

const CHAT_TOPIC_ARN = (s: SinkSettings): unknown => (s.chatTopic === 'create' ? { Ref: 'ChatTopic' } : s.chatTopic);

/**
 * The account's default Security Hub product, to which it imports its own findings.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-custom-providers.html
 */
const PRODUCT_ARN = { 'Fn::Sub': 'arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default' };

/** A bus ARN for IAM from a name or an ARN. */
function eventBusArn(bus: string): unknown {
  return bus.startsWith('arn:') ? bus : { 'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/${bus}` };
}

/** The function's settings for the optional outputs, checked at cold start by lib/config.ts. */
export function sinkEnvironment(s: SinkSettings): Json {
  return {
    CHAT_TOPIC_ARN: s.chatTopic === '' ? '' : CHAT_TOPIC_ARN(s),
    SECURITY_HUB: String(s.securityHub),
    SECURITY_HUB_PRODUCT_ARN: s.securityHub ? PRODUCT_ARN : '',
    EVENT_BUS_NAME: s.eventBusName,
  };
}

/** One IAM statement per enabled output, each on its one resource. */
export function sinkStatements(s: SinkSettings): Json[] {
  const statements: Json[] = [];
  if (s.chatTopic !== '') statements.push({ Effect: 'Allow', Action: 'sns:Publish', Resource: CHAT_TOPIC_ARN(s) });
  if (s.securityHub) statements.push({ Effect: 'Allow', Action: 'securityhub:BatchImportFindings', Resource: PRODUCT_ARN });
  if (s.eventBusName !== '') statements.push({ Effect: 'Allow', Action: 'events:PutEvents', Resource: eventBusArn(s.eventBusName) });
  return statements;
}

/** The chat topic, when the stack creates it: standard, TLS only, and its ARN as an output to map in AWS Chatbot. */
export function sinkResources(s: SinkSettings, outputs: Json): Json {
  if (s.chatTopic !== 'create') return {};
  outputs.ChatTopicArn = { Description: 'Map this topic to a Slack or Teams channel in AWS Chatbot (custom notifications)', Value: { Ref: 'ChatTopic' } };
  return {
    ChatTopic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'trailwatch chat alerts' } },
    ChatTopicPolicy: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [{ Ref: 'ChatTopic' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecurePublish',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: { Ref: 'ChatTopic' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
  };
}

/** The optional outputs the bundle must carry (esbuild.config.js leaves the others' code and SDKs out). */
export function bundledOutputs(s: SinkSettings): string[] {
  return [...(s.chatTopic !== '' ? ['chatbot'] : []), ...(s.securityHub ? ['securityHub'] : []), ...(s.eventBusName !== '' ? ['eventBridge'] : [])];
}
