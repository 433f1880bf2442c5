import { describe, expect, it } from 'vitest';
import {
  ACTIONS_REQUIRING_WILDCARD_RESOURCE,
  IAM_RULES,
  judgeManagedPolicyAttachment,
  judgePolicyStatement,
  requiresWildcardResource,
  validateRuleMeta,
  type PolicyStatementFact,
  type Positioned,
  type Region,
} from '@leakguard/core';

/** Each value gets its own line, so a test can check the finding points at the right one. */
let line = 0;
const at = (): Region => {
  line++;
  return { startLine: line, startColumn: 3, endLine: line, endColumn: 10 };
};
const p = (value: string): Positioned<string> => ({ value, region: at() });
const list = (v: string | string[] | undefined): Positioned<string>[] | undefined =>
  v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map(p);

interface S {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: string | string[];
  Condition?: boolean;
  /** The Condition's tests (operator, key, values), when the scanner read them. */
  Conditions?: [string, string, string[]?][];
  /** Set for a resource policy: the service of the resource it is attached to. */
  ResourcePolicyOf?: string;
  unresolved?: boolean;
}

function stmt(s: S): PolicyStatementFact {
  line = 0;
  const fact: PolicyStatementFact = { source: 'test/statement[0]', region: at(), hasCondition: s.Condition ?? false };
  if (s.Effect !== undefined) fact.effect = p(s.Effect);
  const actions = list(s.Action);
  if (actions) fact.actions = actions;
  const notActions = list(s.NotAction);
  if (notActions) fact.notActions = notActions;
  const resources = list(s.Resource);
  if (resources) fact.resources = resources;
  const notResources = list(s.NotResource);
  if (notResources) fact.notResources = notResources;
  const principals = list(s.Principal);
  if (principals) fact.principals = principals;
  if (s.Conditions) fact.conditions = s.Conditions.map(([operator, key, values]) => ({ operator, key, ...(values ? { values } : {}) }));
  if (s.ResourcePolicyOf) fact.resourcePolicyOf = s.ResourcePolicyOf;
  if (s.unresolved) fact.unresolved = true;
  return fact;
}

const ids = (s: S): string[] => judgePolicyStatement(stmt(s)).map((i) => i.ruleId).sort();

describe('judgePolicyStatement: findings', () => {
  it.each<[string, S, string[]]>([
    ['Action "*" on "*" (administrator)', { Effect: 'Allow', Action: '*', Resource: '*' }, ['iam/wildcard-action']],
    ['Action "*:*"', { Effect: 'Allow', Action: '*:*', Resource: 'arn:aws:s3:::b/*' }, ['iam/wildcard-action']],
    ['Action "*" among others', { Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: 'arn:aws:s3:::b/*' }, ['iam/wildcard-action']],
    ['service wildcard', { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }, ['iam/service-wildcard-action']],
    ['service wildcard on "*" is also a wildcard resource', { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }, ['iam/service-wildcard-action', 'iam/wildcard-resource']],
    ['write prefix pattern', { Effect: 'Allow', Action: 's3:Put*', Resource: 'arn:aws:s3:::b/*' }, ['iam/wildcard-action-prefix']],
    ['infix pattern', { Effect: 'Allow', Action: 'iam:*Policy', Resource: 'arn:aws:iam::1:role/x' }, ['iam/wildcard-action-prefix']],
    ['Get* pattern includes GetSecretValue', { Effect: 'Allow', Action: 'secretsmanager:Get*', Resource: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' }, ['iam/wildcard-action-prefix']],
    ['scopable action on "*"', { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }, ['iam/wildcard-resource']],
    ['scopable mixed with unscopable on "*"', { Effect: 'Allow', Action: ['sts:GetCallerIdentity', 's3:GetObject'], Resource: '*' }, ['iam/wildcard-resource']],
    ['"*" among other resources', { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*', '*'] }, ['iam/wildcard-resource']],
    ['NotAction with Allow', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, ['iam/not-action-allow']],
    ['NotResource with Allow', { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::private/*' }, ['iam/not-resource-allow']],
    ['Principal "*" without condition', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' }, ['iam/wildcard-principal']],
    ['Resource "*" with a Condition that only requires TLS', { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*', Condition: true, Conditions: [['Bool', 'aws:SecureTransport', ['true']]] }, ['iam/wildcard-resource']],
    ['Principal "*" with only aws:Referer (client-supplied, not access control)', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: '*', Condition: true, Conditions: [['StringLike', 'aws:Referer', ['https://example.com/*']]] }, ['iam/wildcard-principal']],
    ['Principal "*" with ForAllValues on aws:username (true when an anonymous caller has none)', { Effect: 'Allow', Action: 'ecr:BatchGetImage', Principal: '*', Condition: true, Conditions: [['ForAllValues:StringEquals', 'aws:username', ['pull-user']]], ResourcePolicyOf: 'ecr' }, ['iam/wildcard-principal']],
    ['Principal "*" with aws:PrincipalArn matching every ARN', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: '*', Condition: true, Conditions: [['ArnEquals', 'aws:PrincipalArn', ['arn:aws:iam::*']]] }, ['iam/wildcard-principal']],
    ['Principal "*" with aws:SourceAccount IfExists', { Effect: 'Allow', Action: 'sns:Publish', Principal: '*', Condition: true, Conditions: [['StringEqualsIfExists', 'aws:SourceAccount', ['123456789012']]], ResourcePolicyOf: 'sns' }, ['iam/wildcard-principal']],
    ['Principal "*" with only aws:SecureTransport (says nothing about the caller)', { Effect: 'Allow', Action: 'sqs:SendMessage', Principal: '*', Condition: true, Conditions: [['Bool', 'aws:SecureTransport', ['true']]], ResourcePolicyOf: 'sqs' }, ['iam/wildcard-principal']],
    ['a Lambda permission granting lambda:* to a service', { Effect: 'Allow', Action: 'lambda:*', Principal: 's3.amazonaws.com', Condition: true, ResourcePolicyOf: 'lambda' }, ['iam/service-wildcard-action']],
    ['a topic policy granting sns:* to anyone', { Effect: 'Allow', Action: 'sns:*', Resource: '*', Principal: '*', ResourcePolicyOf: 'sns' }, ['iam/service-wildcard-action', 'iam/wildcard-principal']],
    ['Principal "*" among named ones', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: ['arn:aws:iam::1:root', '*'] }, ['iam/wildcard-principal']],
    ['iam:PassRole on "*"', { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, ['iam/passrole-wildcard']],
    ['iam:PassRole on "*" plus another scopable action', { Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction'], Resource: '*' }, ['iam/passrole-wildcard', 'iam/wildcard-resource']],
    ['iam:Pass* on "*"', { Effect: 'Allow', Action: 'iam:Pass*', Resource: '*' }, ['iam/passrole-wildcard', 'iam/wildcard-action-prefix']],
    ['iam:* on "*" passes roles too', { Effect: 'Allow', Action: 'iam:*', Resource: '*' }, ['iam/passrole-wildcard', 'iam/service-wildcard-action']],
    ['effect is case-insensitive', { Effect: 'allow', Action: '*', Resource: '*' }, ['iam/wildcard-action']],
    ['no Effect key (policy document default Allow)', { Action: 's3:*', Resource: 'arn:aws:s3:::b' }, ['iam/service-wildcard-action']],
    ['resolved "*" in a partly unresolved statement still counts', { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', unresolved: true }, ['iam/wildcard-resource']],
  ])('%s', (_name, s, expected) => {
    expect(ids(s)).toEqual(expected);
  });
});

describe('judgePolicyStatement: near-misses that must not fire', () => {
  it.each<[string, S]>([
    ['Deny with every wildcard', { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:s3:::b', Principal: '*' }],
    ['Deny with NotAction (the MFA pattern)', { Effect: 'Deny', NotAction: ['iam:ChangePassword'], Resource: '*' }],
    ['scoped action and resource', { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }],
    ['sts:GetCallerIdentity needs "*"', { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
    ['the Lambda logging trio on "*"', { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
    ['X-Ray on "*"', { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' }],
    ['ec2:Describe* on "*"', { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
    ['Session Manager channels (services without resource types) on "*"', { Effect: 'Allow', Action: ['ssmmessages:CreateControlChannel', 'ec2messages:GetMessages'], Resource: '*' }],
    ['a single ec2 describe call on "*"', { Effect: 'Allow', Action: 'ec2:DescribeNetworkInterfaces', Resource: '*' }],
    ['action names are case-insensitive', { Effect: 'Allow', Action: 'STS:getcalleridentity', Resource: '*' }],
    ['read-only List* family on a scoped resource', { Effect: 'Allow', Action: 's3:List*', Resource: 'arn:aws:s3:::b' }],
    ['a resource ARN that ends in *', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
    ['Principal "*" with a condition', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: '*', Condition: true }],
    ['Principal "*" restricted to the organization', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: '*', Condition: true, Conditions: [['StringEquals', 'aws:PrincipalOrgID', ['o-abc123']]] }],
    ['Principal "*" restricted to a VPC endpoint\'s account', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: '*', Condition: true, Conditions: [['StringEquals', 'aws:VpceAccount', ['123456789012']]] }],
    ['Principal "*" restricted by a value the scanner could not resolve', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: '*', Condition: true, Conditions: [['StringEquals', 'aws:PrincipalOrgID']] }],,
    ['Principal "*" restricted by source ARN (keys are case-insensitive)', { Effect: 'Allow', Action: 'sqs:SendMessage', Principal: '*', Condition: true, Conditions: [['ArnLike', 'AWS:SOURCEARN', ['arn:aws:sns:eu-west-1:123456789012:*']]], ResourcePolicyOf: 'sqs' }],
    ['Principal "*" restricted by a principal tag', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: '*', Condition: true, Conditions: [['StringLike', 'aws:Referer', ['x']], ['StringEquals', 'aws:PrincipalTag/team', ['web']]] }],
    ['a resource policy\'s Resource "*" is the resource itself', { Effect: 'Allow', Action: ['sns:Publish'], Resource: '*', Principal: 'events.amazonaws.com', ResourcePolicyOf: 'sns' }],
    ['a Resource element in a trust policy', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Principal: 'lambda.amazonaws.com', ResourcePolicyOf: 'sts' }],
    ['Resource "*" narrowed by a Condition', { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: '*', Condition: true, Conditions: [['StringEquals', 'kms:ViaService', ['s3.eu-west-1.amazonaws.com']]] }],
    ['named principal', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: 'lambda.amazonaws.com' }],
    ['iam:PassRole on a role ARN', { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/fn' }],
    ['iam:PassRole on a role path pattern', { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/app/*' }],
    ['unresolved Effect is never guessed', { Action: '*', Resource: '*', unresolved: true }],
    ['unresolved actions on "*" are never guessed', { Effect: 'Allow', Resource: '*', unresolved: true }],
    ['an effect that is neither Allow nor Deny', { Effect: '${var.effect}', Action: '*', Resource: '*' }],
    ['a literal "*" inside an ARN is not a wildcard resource', { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:123456789012:key/*' }],
  ])('%s', (_name, s) => {
    expect(ids(s)).toEqual([]);
  });
});

describe('judgePolicyStatement: positions and subjects', () => {
  it('points at the offending value, not the statement', () => {
    const fact = stmt({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: '*' });
    const [issue] = judgePolicyStatement(fact);
    expect(issue?.region).toEqual(fact.actions![1]!.region);
    expect(issue?.region).not.toEqual(fact.region);
    expect(issue?.subject).toBe('test/statement[0]/Action/*');
    expect(issue?.message).toContain('full administrator access');
  });

  it('points a wildcard resource finding at the "*" resource', () => {
    const fact = stmt({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['arn:aws:kms:eu-west-1:1:key/a', '*'] });
    const [issue] = judgePolicyStatement(fact);
    expect(issue?.ruleId).toBe('iam/wildcard-resource');
    expect(issue?.region).toEqual(fact.resources![1]!.region);
    expect(issue?.message).toContain('kms:Decrypt');
  });

  it('points NotAction at its first value and a wildcard principal at the principal', () => {
    const fact = stmt({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: 'arn:aws:s3:::b', Principal: '*' });
    const issues = judgePolicyStatement(fact);
    expect(issues.find((i) => i.ruleId === 'iam/not-action-allow')?.region).toEqual(fact.notActions![0]!.region);
    expect(issues.find((i) => i.ruleId === 'iam/wildcard-principal')?.region).toEqual(fact.principals![0]!.region);
  });
});

describe('judgeManagedPolicyAttachment', () => {
  const region: Region = { startLine: 4, startColumn: 20, endLine: 4, endColumn: 70 };
  it.each([
    ['arn:aws:iam::aws:policy/AdministratorAccess', true],
    ['arn:aws-us-gov:iam::aws:policy/AdministratorAccess', true],
    ['arn:aws-cn:iam::aws:policy/AdministratorAccess', true],
    [' arn:aws:iam::aws:policy/AdministratorAccess ', true],
    ['arn:aws:iam::aws:policy/AdministratorAccess-Amplify', false],
    ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', false],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', false],
    ['arn:aws:iam::123456789012:policy/AdministratorAccess', false],
  ])('%s -> %s', (arn, fires) => {
    const issues = judgeManagedPolicyAttachment({ source: 'aws_iam_role_policy_attachment.a', policyArn: { value: arn, region } });
    expect(issues.map((i) => i.ruleId)).toEqual(fires ? ['iam/admin-policy-attached'] : []);
    if (fires) expect(issues[0]?.region).toEqual(region);
  });
});

describe('wildcard-resource allow-list', () => {
  it.each(['sts:GetCallerIdentity', 'logs:CreateLogGroup', 'xray:PutTraceSegments', 'ec2:DescribeInstances', 'ec2:Describe*', 'ce:GetCostAndUsage', 'comprehend:BatchDetectKeyPhrases', 'rekognition:DetectText', 'translate:TranslateText'])('%s needs "*"', (a) => {
    expect(requiresWildcardResource(a)).toBe(true);
  });
  it.each(['s3:GetObject', 'secretsmanager:GetSecretValue', 'ec2:*', 'ec2:RunInstances', 'ec2:CreateTags', 'logs:*', '*', 'ses:SendEmail', 'rekognition:DetectCustomLabels', 'comprehend:ClassifyDocument'])('%s can be scoped', (a) => {
    expect(requiresWildcardResource(a)).toBe(false);
  });
  it('holds well-formed service:action entries', () => {
    for (const a of ACTIONS_REQUIRING_WILDCARD_RESOURCE) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z0-9*]+$/);
  });
});

describe('IAM rule metadata', () => {
  it.each(IAM_RULES.map((r) => [r.id, r] as const))('%s is complete', (_id, rule) => {
    expect(validateRuleMeta(rule)).toEqual([]);
    expect(rule.id.startsWith('iam/')).toBe(true);
    expect(rule.helpUri).toMatch(/docs\/rules\/iam-[a-z-]+\.md$/);
    expect(rule.helpMarkdown).toMatch(/AWS/);
    expect(rule.helpMarkdown).toMatch(/Azure/);
    expect(rule.helpMarkdown).toMatch(/Google Cloud/);
  });
});
