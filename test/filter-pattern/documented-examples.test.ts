import { compileJsonPattern } from '../../lib/filter-pattern';

// Every documented example in aws-facts §1.6, with the documented outcome.
const EVENT_A = JSON.parse(
  '{"eventType":"UpdateTrail","sourceIPAddress":"111.111.111.111","arrayKey":["value","another value"],"objectList":[{"name":"a","id":1},{"name":"b","id":2}],"SomeObject":null,"cluster.name":"c","ThisFlag":true}',
);
const EVENT_B = JSON.parse(
  '{"user":{"id":1,"email":"John.Stiles@example.com"},"users":[{"id":2,"email":"John.Doe@example.com"},{"id":3,"email":"Jane.Doe@example.com"}],"actions":["GET","PUT","DELETE"],"coordinates":[[0,1,2],[4,5,6],[7,8,9]]}',
);

describe('documented examples on event A (aws-facts §1.6)', () => {
  it.each([
    ['A1', '{ $.eventType = "UpdateTrail" }', true],
    ['A2', '{ $.sourceIPAddress != 123.123.* }', true],
    ['A3', '{ $.arrayKey[0] = "value" }', true],
    ['A4', '{ $.eventType = %Trail% }', true],
    ['A5', '{ $.arrayKey[*] = %val.{2}% }', true],
    ['A6', '{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }', true],
    ['A7', '{ $.[\'cluster.name\'] = "c" }', true],
    ['A8', '{ $.SomeObject IS NULL }', true],
    ['A9', '{ $.SomeOtherObject NOT EXISTS }', true],
    ['A10', '{ $.objectList[1].id = 2 }', true],
    ['A11', '{ $.ThisFlag IS TRUE }', true],
    ['A12', '{ $.eventType = "*" && $.sourceIPAddress != 123.123.* }', true],
  ])('%s: %s matches', (_id, pattern, expected) => {
    expect(compileJsonPattern(pattern).matches(EVENT_A)).toBe(expected);
  });
});

describe('documented compound examples on event B', () => {
  it.each([
    ['B1', '{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
    ['B2', '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }', true],
    ['B3', '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }', false],
    ['B4', '{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    ['B2 unquoted', '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nonmatch }', true],
    ['B3 unquoted', '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nomatch) && $.actions[2] = nomatch }', false],
  ])('%s: %s → %s', (_id, pattern, expected) => {
    expect(compileJsonPattern(pattern).matches(EVENT_B)).toBe(expected);
  });
});

describe('other documented cases (2021 page, azul #5884)', () => {
  it.each([
    ['{$.foo = bar}', { foo: 'bar' }, true],
    ['{$.foo = baz }', { foo: 'baz' }, true],
    ['{$.foo = bar || $.foo = baz }', { foo: 'bar' }, true],
    ['{$.foo = bar || $.foo = baz }', { foo: 'baz' }, true],
    ['{$.users = 1}', { users: [1, 2, 3] }, false],
    ['{$.users != 1}', { users: [1, 2, 3] }, false],
    ['{ $.latency = * }', { latency: 50, requestType: 'GET' }, true],
    [
      '{($.errorCode = "AccessDenied") && ($.userIdentity.invokedBy != "cloudfront.amazonaws.com")}',
      { errorCode: 'AccessDenied', userIdentity: { accountId: 'anonymous' } },
      false,
    ],
    [
      '{($.errorCode = "AccessDenied") && (($.userIdentity.invokedBy NOT EXISTS) || ($.userIdentity.invokedBy != "config.amazonaws.com"))}',
      { errorCode: 'AccessDenied', userIdentity: { accountId: 'anonymous' } },
      true,
    ],
  ])('%s on %j → %s', (pattern, event, expected) => {
    expect(compileJsonPattern(pattern).matches(event)).toBe(expected);
  });
});

describe('documented numeric syntax', () => {
  it.each([
    ['{ $.bandwidth > 75 }', { bandwidth: 76 }, true],
    ['{ $.bandwidth > 75 }', { bandwidth: 75 }, false],
    ['{ $.latency < 50 }', { latency: 49.9 }, true],
    ['{ $.refreshRate >= 60 }', { refreshRate: 60 }, true],
    ['{ $.responseTime <= 5 }', { responseTime: 5.01 }, false],
    ['{ $.errorCode = 400}', { errorCode: 400 }, true],
    ['{ $.errorCode != 500 }', { errorCode: 400 }, true],
    ['{ $.errorCode != 500 }', { errorCode: 500 }, false],
    ['{ $.number[0] = 1e+3 }', { number: [1000] }, true],
    ['{ $.number[0] != 1e-3 }', { number: [0.001] }, false],
    ['{ $.latency >= 500 }', { latency: 499 }, false],
    ['{ $.numbers[0] < 10e3 }', { numbers: [9999] }, true],
    ['{ $.numbers[0] < 10e-3 }', { numbers: [0.009] }, true],
    ['{ $.processes[4].averageRuntime <= 55.5 }', { processes: [{}, {}, {}, {}, { averageRuntime: 55.5 }] }, true],
    ['{ $.latency > +1000 }', { latency: 1001 }, true],
    ['{ $.latency > -1 }', { latency: -0.5 }, true],
    ['{ $.latency > 1E2 }', { latency: 101 }, true],
  ])('%s on %j → %s', (pattern, event, expected) => {
    expect(compileJsonPattern(pattern).matches(event)).toBe(expected);
  });
});

describe('AWS-published CloudTrail patterns (aws-facts §1.7)', () => {
  const patterns = {
    unauthorized: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    consoleNoMfaCis:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    authFailures: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    largeInstance: '{ ($.eventName = RunInstances) && (($.requestParameters.instanceType = *.8xlarge) || ($.requestParameters.instanceType = *.4xlarge)) }',
    kms: '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  } as const;

  it.each([
    ['unauthorized', { errorCode: 'Client.UnauthorizedOperation' }, true],
    ['unauthorized', { errorCode: 'AccessDeniedException' }, true],
    ['unauthorized', { errorCode: 'TrailNotFoundException' }, false],
    ['unauthorized', { errorCode: 'Unauthorized' }, false],
    [
      'consoleNoMfaCis',
      { eventName: 'ConsoleLogin', additionalEventData: { MFAUsed: 'No' }, userIdentity: { type: 'IAMUser' }, responseElements: { ConsoleLogin: 'Success' } },
      true,
    ],
    [
      'consoleNoMfaCis',
      { eventName: 'ConsoleLogin', additionalEventData: { MFAUsed: 'No' }, userIdentity: { type: 'Root' }, responseElements: { ConsoleLogin: 'Success' } },
      false,
    ],
    ['authFailures', { eventName: 'ConsoleLogin', errorMessage: 'Failed authentication' }, true],
    ['largeInstance', { eventName: 'RunInstances', requestParameters: { instanceType: 'm5.8xlarge' } }, true],
    ['largeInstance', { eventName: 'RunInstances', requestParameters: { instanceType: 'm5.large' } }, false],
    ['kms', { eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion' }, true],
    ['kms', { eventSource: 'kms.amazonaws.com', eventName: 'Encrypt' }, false],
  ] as const)('%s on %j → %s', (name, event, expected) => {
    expect(compileJsonPattern(patterns[name]).matches(event)).toBe(expected);
  });
});

import { fixture } from '../fixtures/records';

describe('Appendix B expectations, on our own records shaped like Appendix A', () => {
  const cis1 = '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}';
  const cis3 =
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }';
  const cis5 =
    '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}';
  const cis6 = '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}';
  const cis2 = '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}';
  const mfa = '{ $.userIdentity.sessionContext.attributes.mfaAuthenticated != "true" }';
  it.each([
    ['CloudWatch.3', cis3, 'A1', 'iam-user-console-no-mfa', true],
    ['CloudWatch.3', cis3, 'A2', 'iam-user-console-mfa', false],
    ['CloudWatch.3', cis3, 'A3', 'iam-user-console-failure', false],
    ['CloudWatch.3', cis3, 'A4', 'root-console-no-mfa', false],
    ['CloudWatch.3', cis3, 'A6', 'assumed-role-console-federated', false],
    ['CloudWatch.1', cis1, 'A4', 'root-console-no-mfa', true],
    ['CloudWatch.1', cis1, 'A5', 'root-console-mfa', true],
    ['CloudWatch.1', cis1, 'A5b', 'root-console-failure', true],
    ['CloudWatch.1', cis1, 'A5c', 'root-api-mfa-false', true],
    ['CloudWatch.1', cis1, 'A9', 'kms-service-event', false],
    ['CloudWatch.6', cis6, 'A3', 'iam-user-console-failure', true],
    ['CloudWatch.6', cis6, 'A5b', 'root-console-failure', true],
    ['CloudWatch.5', cis5, 'A7', 'iam-user-api-mfa-false', true],
    ['CloudWatch.5', cis5, 'A8', 'iam-user-api-error', true],
    ['CloudWatch.2', cis2, 'A8', 'iam-user-api-error', false],
    ['mfaAuthenticated != "true"', mfa, 'A1', 'iam-user-console-no-mfa', false],
    ['mfaAuthenticated != "true"', mfa, 'A5c', 'root-api-mfa-false', true],
    ['readOnly IS FALSE', '{ $.readOnly IS FALSE }', 'A1', 'iam-user-console-no-mfa', true],
    ['mfaAuthenticated IS FALSE', '{ $.userIdentity.sessionContext.attributes.mfaAuthenticated IS FALSE }', 'A5c', 'root-api-mfa-false', false],
  ])('%s on a record like %s (%s)', (_label, pattern, _appendix, name, expected) => {
    expect(compileJsonPattern(pattern).matches(fixture(name).record)).toBe(expected);
  });
});
