import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-wildcard-iam.js';
import { invalid, ruleTester, valid } from '../rule-tester.js';

const E = 'iamIssue' as const;

ruleTester.run('no-wildcard-iam', rule, {
  valid: valid([
    // Least privilege: named actions on named resources.
    { code: "const s = { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders' };" },
    { code: "const s = { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` };" },
    // Actions that only work on "*" (the shared allow-list).
    { code: "const s = { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' };" },
    { code: "const s = { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' };" },
    { code: "const s = { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' };" },
    { code: "const s = { Effect: 'Allow', Action: ['ec2:Describe*', 'cloudwatch:PutMetricData'], Resource: ['*'] };" },
    // Deny statements are never findings.
    { code: "const s = { Effect: 'Deny', Action: '*', Resource: '*' };" },
    { code: "const s = { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' };" },
    { code: "new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] });" },
    // Principal "*" with a Condition.
    { code: "const s = { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnEquals: { 'aws:SourceArn': topicArn } } };" },
    { code: 'new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ["s3:GetObject"], resources: [arn], conditions: { StringEquals: { "aws:PrincipalOrgID": org } } });' },
    { code: "bucket.grantRead(new iam.AnyPrincipal().withConditions({ StringEquals: { 'aws:PrincipalOrgID': 'o-1' } }));" },
    // CDK with named actions and resources.
    { code: "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));" },
    { code: "role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));" },
    { code: "const st = new iam.PolicyStatement({ actions: ['s3:GetObject'] }); st.addResources(bucket.arnForObjects('*'));" },
    // Managed policies that are not AdministratorAccess.
    { code: "role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));" },
    { code: "const r = { managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] };" },
    // Values that are not literals are never guessed into a finding.
    { code: 'const s = { Effect: effect, Action: actions, Resource: resources };' },
    { code: "const s = { Effect: 'Allow', Action: [...actions], Resource: arns };" },
    // KMS key policies: Resource "*" means the key itself (aws-cdk-lib's aws-ecs, aws-events, aws-stepfunctions do this).
    { code: "key.addToResourcePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['*'], principals: [new iam.ServicePrincipal('events.amazonaws.com')] }));" },
    { code: "this.queue.encryptionMasterKey.addToResourcePolicy(new PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'], principals: [sp] }));" },
    // An effect given by a variable (as in aws-cdk-lib's own bundled code, `{effect:e}`) is unresolved, and does not crash the rule.
    { code: "function f(e, a) { return new PolicyStatement({ effect: e, actions: ['*'], resources: ['*'] }); }" },
    { code: "new iam.PolicyStatement({ effect: props.effect ?? 'Allow', actions: ['*'], resources: ['*'] });" },
    // Objects that only look like statements.
    { code: "const animation = { Effect: 'fade', Action: 'play', duration: 3, easing: 'linear', loop: true };" },
    { code: "const reducer = { type: 'SET', Action: '*', payload: 1, meta: {} };" },
    // Policy JSON in a string, scoped.
    { code: 'const doc = JSON.parse(\'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}\');' },
    // Allowed by configuration.
    { code: "const s = { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*' };", options: [{ ignore: ['iam/wildcard-resource'] }] },
    // Tests of CDK stacks assert on the synthesized policy: fixtures, not grants.
    { code: "template.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } });", filename: 'test/stack.test.ts' },
    // TypeScript only.
    { code: "const s: PolicyStatementJson = { Effect: 'Allow', Action: ['sns:Publish'], Resource: topicArn } as const;", lang: 'ts' },
    { code: "const props: iam.PolicyStatementProps = { actions: ['kms:Decrypt'], resources: [key.keyArn] }; new iam.PolicyStatement(props);", lang: 'ts' },
  ]),
  invalid: invalid([
    // Object literals.
    { code: "const s = { Effect: 'Allow', Action: '*', Resource: '*' };", errors: [E] },
    { code: "const s = { Effect: 'Allow', Action: ['*'], Resource: ['arn:aws:s3:::b'] };", errors: [E] },
    { code: "const s = { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' };", errors: [E] },
    { code: "const s = { Effect: 'Allow', Action: 's3:*', Resource: '*' };", errors: [E, E] },
    { code: "const s = { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' };", errors: [E] },
    { code: "const s = { Effect: 'Allow', Action: 's3:Put*', Resource: 'arn:aws:s3:::b/*' };", errors: [E] },
    { code: "const s = { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' };", errors: [E] },
    { code: "const s = { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' };", errors: [E] },
    { code: "const s = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };", errors: [E] },
    { code: "const s = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: q };", errors: [E] },
    { code: "const s = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };", errors: [E] },
    { code: "const ACTIONS = ['*']; const s = { Effect: 'Allow', Action: ACTIONS, Resource: 'arn:aws:s3:::b' };", errors: [E] },
    // Policy documents, JSON.stringify-ed.
    { code: "const body = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });", errors: [E] },
    { code: "const r = { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::b'] }] } };", errors: [E] },
    { code: 'const doc = JSON.parse(\'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\');', errors: [E] },
    // AWS CDK.
    { code: "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));", errors: [E] },
    { code: "role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['dynamodb:*'], resources: [table.tableArn] }));", errors: [E] },
    { code: "role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));", errors: [E] },
    // Near-misses of the key-policy case: a bucket policy, and a key policy that still grants to anyone.
    { code: "bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'], principals: [sp] }));", errors: [E] },
    { code: "key.addToResourcePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'], principals: [new iam.AnyPrincipal()] }));", errors: [E] },
    { code: "new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] });", errors: [E] },
    { code: "bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));", errors: [E] },
    { code: "const st = new iam.PolicyStatement(); st.addActions('*'); st.addAllResources(); role.addToPolicy(st);", errors: [E] },
    { code: "const st = new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [q] }); st.addAnyPrincipal();", errors: [E] },
    { code: "const st = iam.PolicyStatement.fromJson({ Action: 's3:*', Resource: 'arn:aws:s3:::b' });", errors: [E] },
    { code: "role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));", errors: [E] },
    { code: "iam.ManagedPolicy.fromManagedPolicyArn(this, 'Admin', 'arn:aws:iam::aws:policy/AdministratorAccess');", errors: [E] },
    { code: "new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] });", errors: [E] },
    { code: 'topic.grantPublish(new iam.AnyPrincipal());', errors: [E] },
    { code: "new iam.Role(this, 'Open', { assumedBy: new iam.StarPrincipal() });", errors: [E] },
    // Serverless Framework in TypeScript (serverless.ts).
    { code: "export default { provider: { iam: { role: { statements: [{ Effect: 'Allow', Action: ['dynamodb:*'], Resource: '*' }] } } } };", errors: [E, E] },
    // Test files when asked.
    { code: "const s = { Effect: 'Allow', Action: '*', Resource: '*' };", filename: 'test/policy.test.js', options: [{ ignoreTestFiles: false }], errors: [E] },
    // TypeScript only.
    { code: "const s = { Effect: 'Allow' as const, Action: '*' as const, Resource: '*' } satisfies Statement;", lang: 'ts', errors: [E] },
    { code: "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'] as string[], resources: ['*'] }) as iam.PolicyStatement);", lang: 'ts', errors: [E] },
  ]),
});

describe('no-wildcard-iam asks the shared judge', () => {
  const linter = new Linter({ configType: 'flat' });
  const config = [{ plugins: { leakguard: { rules: { 'no-wildcard-iam': rule } } }, rules: { 'leakguard/no-wildcard-iam': 'error' } }] as Linter.Config[];
  const ids = (code: string) =>
    linter.verify(code, config, 'stack.js').map((m) => /\((iam\/[a-z-]+)\)/.exec(m.message)?.[1] ?? m.message);

  it.each([
    ["const s = { Effect: 'Allow', Action: '*', Resource: '*' };", ['iam/wildcard-action']],
    ["const s = { Effect: 'Allow', Action: 's3:*', Resource: '*' };", ['iam/service-wildcard-action', 'iam/wildcard-resource']],
    ["const s = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };", ['iam/passrole-wildcard']],
    ["new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] });", ['iam/not-action-allow']],
    ["iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');", ['iam/admin-policy-attached']],
    ['topic.grantPublish(new iam.AnyPrincipal());', ['iam/wildcard-principal']],
  ])('%s -> %j', (code, expected) => {
    expect(ids(code).sort()).toEqual([...expected].sort());
  });

  it('points at the offending value, not the statement', () => {
    const [m] = linter.verify("const s = {\n  Effect: 'Allow',\n  Action: 's3:GetObject',\n  Resource: '*',\n};", config, 'stack.js');
    expect(m?.line).toBe(4);
    expect(m?.column).toBe(13);
  });
});
