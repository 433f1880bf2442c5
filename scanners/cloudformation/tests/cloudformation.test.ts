import { describe, expect, it } from 'vitest';
import { CloudFormationScanner, parseTree, safeMessage } from '@leakguard/scanner-cloudformation';
import { engine, findings, lineOf, ruleIds } from './helpers.js';

const scanner = new CloudFormationScanner();
const yaml = (resources: string, extra = ''): string => `AWSTemplateFormatVersion: '2010-09-09'\n${extra}Resources:\n${resources}`;
const fn = (env: string, extra = ''): string =>
  yaml(`  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n${extra}      Environment:\n        Variables:\n${env}`);
const policy = (statement: string): string =>
  yaml(`  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Statement:\n${statement}`);

describe('CloudFormation YAML: findings', () => {
  it.each<[string, string, string[]]>([
    ['literal password in a Lambda environment', fn('          DB_PASSWORD: Pr0d-Db-Passw0rd!2024\n'), ['env/secret-literal', 'kms/lambda-env-without-cmk']],
    ['Ref to a parameter without NoEcho', fn('          DB_PASSWORD: !Ref DbPassword\n', '').replace('Resources:', 'Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: false\nResources:'), ['env/deploy-time-secret', 'kms/lambda-env-without-cmk', 'secret/sensitive-not-marked']],
    ['long-form Ref in Fn::If, one literal branch', fn('          API_TOKEN:\n            Fn::If: [IsProd, "{{resolve:secretsmanager:t}}", "tok-7c2e9a41b6d05f83"]\n', '      KmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/k\n'), ['env/secret-literal']],
    ['Action "*" with short-form Sub elsewhere', policy('          - Effect: Allow\n            Action: "*"\n            Resource: !Sub "arn:aws:s3:::${AWS::StackName}/*"\n'), ['iam/wildcard-action']],
    ['service wildcard on "*"', policy('          - Effect: Allow\n            Action: [ "dynamodb:*" ]\n            Resource: "*"\n'), ['iam/service-wildcard-action', 'iam/wildcard-resource']],
    ['NotAction with Allow', policy('          - Effect: Allow\n            NotAction: iam:*\n            Resource: "*"\n'), ['iam/not-action-allow']],
    ['AdministratorAccess on a role', yaml('  R:\n    Type: AWS::IAM::Role\n    Properties:\n      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n'), ['iam/admin-policy-attached']],
    ['trust policy open to anyone', yaml('  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: "*" }\n            Action: sts:AssumeRole\n'), ['iam/wildcard-principal']],
    ['Lambda permission for anyone without SourceArn', yaml('  Perm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: f\n      Principal: "*"\n'), ['iam/wildcard-principal']],
    ['Lambda permission granting lambda:*', yaml('  Perm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: "lambda:*"\n      FunctionName: f\n      Principal: s3.amazonaws.com\n      SourceAccount: "123456789012"\n'), ['iam/service-wildcard-action']],
    ['IoT policy allowing iot:* (an identity policy)', yaml('  P:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: "iot:*"\n            Resource: "*"\n'), ['iam/service-wildcard-action', 'iam/wildcard-resource']],
    ['SSO permission set inline policy as JSON text', yaml('  PS:\n    Type: AWS::SSO::PermissionSet\n    Properties:\n      InlinePolicy: \'{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}\'\n'), ['iam/wildcard-action']],
    ['OpenSearch domain open to anyone', yaml('  D:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      AccessPolicies:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: "*" }\n            Action: "es:ESHttpGet"\n            Resource: "*"\n'), ['iam/wildcard-principal']],
    ['ECR repository policy open to anyone', yaml('  R:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText:\n        Statement:\n          - Effect: Allow\n            Principal: "*"\n            Action: ["ecr:BatchGetImage"]\n'), ['iam/wildcard-principal']],
    ['bucket policy for anyone with only aws:Referer', yaml('  BP:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: "*"\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::b/*\n            Condition:\n              StringLike:\n                aws:Referer: ["https://example.com/*"]\n'), ['iam/wildcard-principal']],
    ['secret without rotation or key', yaml('  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: db\n'), ['kms/secret-without-cmk', 'rotation/secret-without-rotation']],
    ['secret with the AWS-managed key alias', yaml('  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      KmsKeyId: alias/aws/secretsmanager\n  Rot:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref S\n'), ['kms/secret-without-cmk']],
    ['KMS key without rotation', yaml('  K:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: k\n'), ['rotation/kms-key-without-rotation']],
    ['SSM String parameter with a secret name', yaml('  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Name: /orders/db-password\n      Type: String\n      Value: x\n'), ['kms/ssm-secret-as-string']],
    ['SSM parameter holding a literal secret', yaml('  WebhookSecretParameter:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value: whsec-2f9c81d0a7b34e55b1c6\n'), ['kms/ssm-secret-as-string', 'secret/literal-secret-attribute']],
    ['a literal token inside a *Configuration block', yaml('  Src:\n    Type: AWS::CodeBuild::SourceCredential\n    Properties:\n      SourceConfiguration:\n        OAuthToken: gh-7fK2qL9xZ0pR4tY6uW3e\n'), ['secret/literal-secret-attribute']],
    ['RDS master password literal', yaml('  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUsername: admin\n      MasterUserPassword: Sup3r-S3cret-Db-2024\n'), ['secret/literal-secret-attribute']],
    ['a String-typed secret parameter is still judged', yaml('  T:\n    Type: AWS::SNS::Topic\n', 'Parameters:\n  GithubSecret:\n    Type: String\n    Default: gh-7c2e9a41b6d05f83ea1c\n'), ['secret/literal-default', 'secret/sensitive-not-marked']],
    ['parameter default without NoEcho', yaml('  T:\n    Type: AWS::SNS::Topic\n', 'Parameters:\n  ApiToken:\n    Type: String\n    Default: tok-7c2e9a41b6d05f83\n'), ['secret/literal-default', 'secret/sensitive-not-marked']],
    ['SAM: Globals environment and inline Policies', `Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Environment:\n      Variables:\n        STRIPE_API_KEY: sk-7c2e9a41b6d05f83ea1c\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: h\n      Policies:\n        - AdministratorAccess\n        - Statement:\n            - Effect: Allow\n              Action: iam:PassRole\n              Resource: '*'\n`, ['env/secret-literal', 'iam/admin-policy-attached', 'iam/passrole-wildcard', 'kms/lambda-env-without-cmk']],
    ['SAM policy template on every secret', `Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Policies:\n        - AWSSecretsManagerGetSecretValuePolicy:\n            SecretArn: '*'\n`, ['iam/wildcard-resource']],
  ])('%s', async (_name, text, expected) => {
    expect(await ruleIds(scanner, 'template.yaml', text)).toEqual(expected);
  });
});

describe('CloudFormation: references and near-misses pass', () => {
  it.each<[string, string]>([
    ['topic policy: Resource "*" is the topic', yaml('  TP:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: [t]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: events.amazonaws.com }\n            Action: sns:Publish\n            Resource: "*"\n')],
    ['bucket policy for anyone within the organization', yaml('  BP:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: "*"\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::b/*\n            Condition:\n              StringEquals:\n                aws:PrincipalOrgID: o-abc123\n')],
    ['dynamic reference', fn("          DB_PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}'\n")],
    ['ssm-secure dynamic reference', fn("          DB_PASSWORD: '{{resolve:ssm-secure:/db/password:1}}'\n")],
    ['Ref to a NoEcho parameter with a customer key', fn('          DB_PASSWORD: !Ref DbPassword\n', '      KmsKeyArn: !Ref Key\n').replace('Resources:', 'Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\nResources:')],
    ['Ref to a Secrets Manager secret', fn('          DB_SECRET: !Ref S\n').replace('Resources:\n', 'Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      KmsKeyId: !Ref K\n  Rot:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref S\n')],
    ['a secret ARN in a secret-like name', fn('          DB_PASSWORD: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\n')],
    ['a reference name', fn('          DB_PASSWORD_SECRET_ARN: !GetAtt Other.Arn\n')],
    ['a non-secret literal', fn('          TABLE_NAME: orders\n')],
    ['Deny with wildcards', policy('          - Effect: Deny\n            Action: "*"\n            Resource: "*"\n')],
    ['unresolved Action is not guessed', policy('          - Effect: Allow\n            Action: !Ref ActionParam\n            Resource: "*"\n')],
    ['logging actions on "*"', policy('          - Effect: Allow\n            Action: [logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents]\n            Resource: "*"\n')],
    ['principal "*" with a condition', yaml('  BP:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: "*"\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::b/*\n            Condition:\n              StringEquals: { "aws:PrincipalOrgID": o-123 }\n')],
    ['default key policy with rotation', yaml("  K:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n      KeyPolicy:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root' }\n            Action: kms:*\n            Resource: '*'\n")],
    ['asymmetric key cannot rotate', yaml('  K:\n    Type: AWS::KMS::Key\n    Properties:\n      KeySpec: RSA_2048\n      KeyUsage: SIGN_VERIFY\n')],
    ['SSM String with a plain name', yaml('  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Name: /orders/table-name\n      Type: String\n      Value: orders\n')],
    ['RDS password from a dynamic reference', yaml("  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}'\n")],
    ['Cognito token validity units', yaml('  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      TokenValidityUnits:\n        AccessToken: hours\n        RefreshToken: days\n')],
    ['an SSM-typed parameter: the default is a parameter name', yaml('  T:\n    Type: AWS::SNS::Topic\n', 'Parameters:\n  StackeryEnvConfiggithubSecretAsString:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /Stackery/Environments/<StackeryEnvId>/Config/githubSecret\n')],
    ['a parameter with a boolean default is a switch', yaml('  T:\n    Type: AWS::SNS::Topic\n', 'Parameters:\n  OverrideApiAuthValue:\n    Type: String\n    Default: true\n')],
    ['a websocket API key selection expression', yaml('  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      ProtocolType: WEBSOCKET\n      ApiKeySelectionExpression: $request.header.x-api-key\n')],
    ['a parameter whose default is a secret ARN', yaml('  T:\n    Type: AWS::SNS::Topic\n', 'Parameters:\n  DbSecret:\n    Type: String\n    Default: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\n')],
    ['SAM policy templates scoped to one secret or bucket', `Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      KmsKeyArn: k\n      Policies:\n        - AWSSecretsManagerGetSecretValuePolicy:\n            SecretArn: !Ref DbSecret\n        - S3ReadPolicy:\n            BucketName: '*'\n`],
    ['Lambda permission for a service with SourceArn', yaml('  Perm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Principal: "*"\n      SourceArn: arn:aws:execute-api:eu-west-1:123456789012:abc/*\n')],
  ])('%s', async (_name, text) => {
    expect(await ruleIds(scanner, 'template.yaml', text)).toEqual([]);
  });
});

describe('CloudFormation JSON', () => {
  const json = JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { Secret: { Type: 'String', NoEcho: true } },
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Environment: { Variables: { DB_PASSWORD: 'Pr0d-Db-Passw0rd!2024', WEBHOOK_SECRET: { Ref: 'Secret' }, JOINED_TOKEN: { 'Fn::Join': ['-', ['tok', '3f9a8b7c6d5e']] } } },
          },
        },
        Pol: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: { 'Fn::Sub': 'arn:aws:s3:::${B}/*' } }] } } },
      },
    },
    null,
    2,
  );
  it('finds the same facts with positions in JSON', async () => {
    const found = await findings(scanner, 'stack.json', json);
    expect(found).toEqual(
      [
        `env/secret-literal@${lineOf(json, '"DB_PASSWORD"')}:29`, // inside the quotes: the secret itself
        `env/secret-literal@${lineOf(json, '"JOINED_TOKEN"')}:29`,
        `iam/service-wildcard-action@${lineOf(json, '"s3:*"')}:25`,
        `kms/lambda-env-without-cmk@${lineOf(json, '"Fn":')}:5`,
      ].sort(),
    );
  });
  it('is detected by content, not by name', () => {
    expect(scanner.accepts({ path: 'infra/stack.json', text: json })).toBe(true);
    expect(scanner.accepts({ path: 'package.json', text: '{"name":"x","dependencies":{}}' })).toBe(false);
    expect(scanner.accepts({ path: 'k8s.yaml', text: 'apiVersion: v1\nkind: Secret\n' })).toBe(false);
    expect(scanner.accepts({ path: 'serverless.yml', text: 'service: a\nresources:\n  Resources:\n    T:\n      Type: AWS::SNS::Topic\n' })).toBe(false);
    expect(scanner.accepts({ path: 'any-name.yml', text: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n' })).toBe(true);
  });
  it.each([
    ['a format version only', 'AWSTemplateFormatVersion: "2010-09-09"\n', true],
    ['a quoted Type', '{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}', true],
    ['AWS in text but no resource type', 'description: AWS account notes\n', false],
    ['a lower-case aws:: type (not CloudFormation)', 'Resources:\n  T:\n    Type: aws::sns::topic\n', false],
  ])('the content test (a substring check first): %s', (_name, text, accepted) => {
    expect(scanner.accepts({ path: 'stack.yml', text })).toBe(accepted);
  });
});

describe('CloudFormation: positions, secrets and malformed input', () => {
  it('points at the offending attribute line and column', async () => {
    const text = policy('          - Effect: Allow\n            Action: s3:GetObject\n            Resource: "*"\n');
    expect(await findings(scanner, 't.yaml', text)).toEqual([`iam/wildcard-resource@${lineOf(text, 'Resource: "*"')}:23`]);
  });

  it('runs the secret catalog over the whole template', async () => {
    const text = yaml('  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: AKIAHUGO274PAFHSG4A7\n');
    const out = await scanner.scan({ path: 't.yaml', text }, { secrets: engine });
    expect(out.coversSecrets).toBe(true);
    expect(out.drafts.some((d) => d.ruleId.startsWith('secret/') && d.region.startLine === lineOf(text, 'AKIA'))).toBe(true);
  });

  it('reports malformed YAML as a notification with its position', async () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::SNS::Topic\n   bad: [unclosed\n";
    const out = await scanner.scan({ path: 'broken.yaml', text }, { secrets: engine });
    expect(out.drafts).toEqual([]);
    expect(out.notifications[0]).toMatchObject({ kind: 'parse-error', path: 'broken.yaml' });
    expect(out.notifications[0]?.line).toBeGreaterThanOrEqual(4);
    expect(out.notifications).toHaveLength(1);
  });

  it('never quotes the source text in a parse notification (it could be a secret)', async () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::SNS::Topic\n  ] AKIAHUGO274PAFHSG4A7 : x\n    \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEYzz\" ]\n";
    const out = await scanner.scan({ path: 'leaky.yaml', text }, { secrets: engine });
    expect(out.notifications.length).toBeGreaterThan(0);
    for (const n of out.notifications) {
      expect(n.message).not.toContain('AKIA');
      expect(n.message).not.toContain('wJalr');
    }
  });

  it.each([
    ['Unexpected scalar token in YAML stream: "AKIAHUGO274PAFHSG4A7" at line 5, column 5:\n\n  AKIA', 'Unexpected scalar token in YAML stream'],
    ["Unexpected single-quoted-scalar token in YAML stream: 'hunter2-password'", 'Unexpected single-quoted-scalar token in YAML stream'],
    ['Implicit map keys need to be followed by map values at line 3, column 3:', 'Implicit map keys need to be followed by map values'],
  ])('strips quoted source text from parser messages: %s', (raw, safe) => {
    expect(safeMessage(raw)).toBe(safe);
  });

  it('bounds alias bombs', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const started = Date.now();
    const parsed = parseTree(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parsed.root).toBeUndefined();
    expect(parsed.problems[0]?.message).toMatch(/alias/);
  });

  it('bounds deep nesting', () => {
    const deep = '['.repeat(500) + ']'.repeat(500);
    const parsed = parseTree(deep);
    expect(parsed.root).toBeUndefined();
    expect(parsed.problems[0]?.message).toMatch(/nesting|deep/i);
  });

  it('accepts all short-form intrinsic tags without warnings', () => {
    const tags = ['!Ref a', '!Sub x', '!GetAtt a.b', '!Join [",", [a]]', '!If [c, a, b]', '!Select [0, [a]]', '!Split [",", a]', '!FindInMap [m, a, b]', '!Base64 x', '!Cidr [a, 1, 2]', '!ImportValue x', '!GetAZs ""', '!Equals [a, b]', '!And [a]', '!Or [a]', '!Not [a]', '!Condition c', '!Transform {Name: x}', '!ToJsonString {a: b}', '!Length [a]'];
    const parsed = parseTree(tags.map((t, i) => `k${i}: ${t}`).join('\n'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.root?.kind === 'map' && parsed.root.entries.every((e) => e.value.kind === 'fn')).toBe(true);
  });
});

describe('SAM Globals merged as SAM merges them', () => {
  const PW = ['Pr0d', 'Db', 'Passw0rd!2024'].join('-');
  const template = (bEnv: string): string =>
    `Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    KmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/k\n    Environment:\n      Variables:\n        DB_PASSWORD: ${PW}\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: b.h\n${bEnv}`;

  it('a Globals literal inherited by two functions is one finding, where it is written', async () => {
    const text = template('');
    expect(await findings(scanner, 'template.yaml', text)).toEqual([`env/secret-literal@${lineOf(text, PW)}:22`]);
  });

  it('a function that overrides the variable with a reference is clean; the other still inherits the literal', async () => {
    const text = template('      Environment:\n        Variables:\n          DB_PASSWORD: "{{resolve:secretsmanager:orders/db:SecretString:password}}"\n');
    expect(await findings(scanner, 'template.yaml', text)).toEqual([`env/secret-literal@${lineOf(text, PW)}:22`]);
  });
});
