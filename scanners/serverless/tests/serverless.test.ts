import { describe, expect, it } from 'vitest';
import { ServerlessScanner, resolveString } from '@leakguard/scanner-serverless';
import { parseTree } from '@leakguard/scanner-cloudformation';
import { engine } from '../../cloudformation/tests/helpers.js';

const scanner = new ServerlessScanner();
const scan = async (text: string, path = 'serverless.yml') => (await scanner.scan({ path, text }, { secrets: engine }));
const ids = async (text: string, path?: string) => (await scan(text, path)).drafts.map((d) => d.ruleId).sort();
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

const sls = (providerExtra: string, fnEnv = '', fnExtra = '') =>
  `service: orders\nframeworkVersion: '3'\ncustom:\n  table: orders\n  stage: prod\nprovider:\n  name: aws\n  runtime: nodejs20.x\n${providerExtra}functions:\n  orders:\n    handler: h.handler\n${fnEnv ? `    environment:\n${fnEnv}` : ''}${fnExtra}`;

describe('serverless variables', () => {
  const root = parseTree('custom:\n  table: orders\n  stage: prod\n  name: ${self:custom.table}-${self:custom.stage}\n').root!;
  it.each<[string, string]>([
    ['plain', 'str:plain'],
    ['${self:custom.table}', 'str:orders'],
    ['${self:custom.name}', 'str:orders-prod'],
    ['arn:aws:dynamodb:eu-west-1:1:table/${self:custom.table}', 'str:arn:aws:dynamodb:eu-west-1:1:table/orders'],
    ['${ssm:/orders/db-password}', 'deploy-time:${ssm:...}'],
    ['${ssm(eu-west-1):/orders/db-password}', 'deploy-time:${ssm:...}'],
    ["${env:DB_PASSWORD, 'fallback'}", 'deploy-time:${env:...}'],
    ['${param:dbPassword}', 'deploy-time:${param:...}'],
    ['${cf:db-stack.Password}', 'deploy-time:${cf:...}'],
    ['${self:custom.missing}', 'unresolved'],
    ['${opt:stage}', 'unresolved'],
    ['${aws:accountId}', 'unresolved'],
    ['${file(./secrets.yml):password}', 'unresolved'],
    ['${sls:stage}-x', 'unresolved'],
    ['${self:custom.${opt:stage}}', 'unresolved'],
  ])('%s -> %s', (text, expected) => {
    const v = resolveString(text, root);
    expect(v.kind === 'str' ? `str:${v.text}` : v.kind === 'deploy-time' ? `deploy-time:${v.source}` : 'unresolved').toBe(expected);
  });
});

describe('serverless: findings', () => {
  it.each<[string, string, string[]]>([
    ['literal password in provider.environment', sls('  environment:\n    DB_PASSWORD: Pr0d-Db-Passw0rd!2024\n'), ['env/secret-literal', 'kms/lambda-env-without-cmk']],
    ['a real-looking token next to a placeholder is still reported', sls('  environment:\n    TWILIO_ACCOUNT_SID: YOUR-TWILIO-ACCOUNT-SID-HERE\n    TWILIO_AUTH_TOKEN: 9fK2qL7xZ0pR4tY6uW3eHere1\n'), ['env/secret-literal', 'kms/lambda-env-without-cmk']],
    ['${ssm:...} in a function environment (lower severity)', sls('  kmsKeyArn: arn:aws:kms:eu-west-1:1:key/k\n', '      STRIPE_SECRET_KEY: ${ssm:/orders/stripe}\n'), ['env/deploy-time-secret']],
    ['${env:...} copied into the environment', sls('  kmsKeyArn: arn:aws:kms:eu-west-1:1:key/k\n', '      API_TOKEN: ${env:API_TOKEN}\n'), ['env/deploy-time-secret']],
    ['${self:...} resolving to a literal secret', sls('', '      API_TOKEN: ${self:custom.apiToken}\n').replace('  stage: prod\n', '  stage: prod\n  apiToken: tok-7c2e9a41b6d05f83\n'), ['env/secret-literal', 'kms/lambda-env-without-cmk', 'secret/literal-secret-attribute']],
    ['provider.iam.role.statements (v3/v4)', sls('  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: "*"\n          Resource: "*"\n'), ['iam/wildcard-action']],
    ['provider.iamRoleStatements (v1/v2)', sls('  iamRoleStatements:\n    - Effect: Allow\n      Action:\n        - s3:*\n      Resource: arn:aws:s3:::${self:custom.table}/*\n'), ['iam/service-wildcard-action']],
    ['per-function statements', sls('', '', '    iamRoleStatements:\n      - Effect: Allow\n        Action: secretsmanager:GetSecretValue\n        Resource: "*"\n'), ['iam/wildcard-resource']],
    ['managed AdministratorAccess', sls('  iam:\n    role:\n      managedPolicies:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n'), ['iam/admin-policy-attached']],
    ['Azure provider: the literal is judged, no Lambda KMS check', sls('  environment:\n    DB_PASSWORD: Pr0d-Db-Passw0rd!2024\n').replace('name: aws', 'name: azure'), ['env/secret-literal']],
    ['resources: handed to CloudFormation', sls('') + 'resources:\n  Resources:\n    Key:\n      Type: AWS::KMS::Key\n      Properties:\n        EnableKeyRotation: false\n', ['rotation/kms-key-without-rotation']],
  ])('%s', async (_n, text, expected) => {
    expect(await ids(text)).toEqual(expected);
  });
});

describe('serverless: references and near-misses pass', () => {
  it.each<[string, string]>([
    ['a parameter name, fetched at run time', sls('', '      STRIPE_KEY_PARAM_NAME: /orders/prod/stripe\n')],
    ['a secret ARN', sls('', '      DB_PASSWORD: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\n')],
    ['a Ref to a Secrets Manager secret in resources', sls('', '      DB_SECRET: !Ref DbSecret\n') + 'resources:\n  Resources:\n    DbSecret:\n      Type: AWS::SecretsManager::Secret\n      Properties:\n        KmsKeyId: alias/orders\n    Rot:\n      Type: AWS::SecretsManager::RotationSchedule\n      Properties:\n        SecretId: !Ref DbSecret\n'],
    ['a non-secret ${ssm:...}', sls('', '      TABLE_NAME: ${ssm:/orders/table}\n')],
    ['an unresolved ${opt:...}', sls('', '      API_TOKEN: ${opt:token}\n')],
    ['a YOUR-...-HERE placeholder (serverless/examples twilio)', sls('  environment:\n    TWILIO_ACCOUNT_SID: YOUR-TWILIO-ACCOUNT-SID-HERE\n    TWILIO_AUTH_TOKEN: YOUR-TWILIO-AUTH-TOKEN-HERE\n')],
    ['an X-tailed placeholder with a comment (serverless/examples googlemap)', sls('', '      GOOGLE_API_KEY: AIzaXXXX #CHANGE YOUR API KEY\n')],
    ['X-Ray on "*"', sls('  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: [xray:PutTraceSegments, xray:PutTelemetryRecords]\n          Resource: "*"\n')],
    ['a resource built from variables is not "*"', sls('  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: dynamodb:GetItem\n          Resource: arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/${self:custom.table}\n')],
    ['Resource from !GetAtt', sls('  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: dynamodb:GetItem\n          Resource: !GetAtt Table.Arn\n')],
  ])('%s', async (_n, text) => {
    expect(await ids(text)).toEqual([]);
  });
});

describe('serverless: positions, formats and errors', () => {
  it('points at the value of the offending variable and statement', async () => {
    const text = sls('  environment:\n    DB_PASSWORD: Pr0d-Db-Passw0rd!2024\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: s3:GetObject\n          Resource: "*"\n');
    const out = await scan(text);
    const at = (id: string) => out.drafts.find((d) => d.ruleId === id)?.region;
    expect(at('env/secret-literal')).toMatchObject({ startLine: lineOf(text, 'DB_PASSWORD'), startColumn: 18 });
    expect(at('iam/wildcard-resource')).toMatchObject({ startLine: lineOf(text, 'Resource: "*"'), startColumn: 21 });
    expect(at('kms/lambda-env-without-cmk')).toMatchObject({ startLine: lineOf(text, '  orders:'), startColumn: 3 });
  });

  it('keeps the positions of resources: inside serverless.yml', async () => {
    const text = sls('') + 'resources:\n  Resources:\n    Pol:\n      Type: AWS::IAM::ManagedPolicy\n      Properties:\n        PolicyDocument:\n          Statement:\n            - Effect: Allow\n              NotAction: iam:*\n              Resource: "*"\n';
    const out = await scan(text);
    expect(out.drafts.map((d) => [d.ruleId, d.region.startLine])).toEqual([['iam/not-action-allow', lineOf(text, 'NotAction')]]);
  });

  it('reads serverless.json', async () => {
    const json = JSON.stringify({ service: 's', provider: { name: 'aws', environment: { API_KEY: 'k-7c2e9a41b6d05f83ea' } }, functions: { f: { handler: 'h' } } }, null, 2);
    expect(await ids(json, 'serverless.json')).toEqual(['env/secret-literal', 'kms/lambda-env-without-cmk']);
  });

  it('accepts serverless files by name, and by content', () => {
    expect(scanner.accepts({ path: 'svc/serverless.yml', text: '' })).toBe(true);
    expect(scanner.accepts({ path: 'serverless.prod.yaml', text: '' })).toBe(true);
    expect(scanner.accepts({ path: 'app.yml', text: 'service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n' })).toBe(true);
    expect(scanner.accepts({ path: 'docker-compose.yml', text: 'services:\n  db:\n    image: postgres\n' })).toBe(false);
  });

  it.each([
    ['service at the first line', 'service: a\nprovider:\n  name: aws\n', true],
    ['"service" quoted at a line start (JSON-ish YAML)', '"service": a\n"provider":\n  "name": "aws"\n', true],
    ["'service' quoted, after a comment line mentioning service", "# the service\n'service': a\nprovider:\n  name: aws\n", true],
    ['service after a CRLF line break', '# x\r\nservice: a\r\nprovider:\r\n  name: aws\r\n', true],
    ['service only inside a line', 'x: service: a\nprovider:\n  name: aws\n', false],
    ['service indented (a nested key)', 'top:\n  service: a\nprovider:\n  name: aws\n', false],
    ['no provider anywhere', 'service: a\nfunctions:\n  f:\n    handler: h\n', false],
    ['provider but no aws name and no functions', 'service: a\nprovider:\n  name: azure\n', false],
  ])('accepts by content only what the patterns allow: %s', (_name, text, accepted) => {
    expect(scanner.accepts({ path: 'app.yml', text })).toBe(accepted);
  });

  it('reports malformed YAML with its position and goes on', async () => {
    const out = await scan('service: a\nprovider:\n  name: aws\n  environment: {DB: "x"\n');
    expect(out.drafts).toEqual([]);
    expect(out.notifications[0]).toMatchObject({ kind: 'parse-error', path: 'serverless.yml' });
    expect(out.notifications[0]?.line).toBeGreaterThan(0);
  });
});

describe('provider.environment merged into each function, as the framework merges it', () => {
  const PW = ['Pr0d', 'Db', 'Passw0rd!2024'].join('-');
  const text = `service: orders\nprovider:\n  name: aws\n  kmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/k\n  environment:\n    DB_PASSWORD: ${PW}\nfunctions:\n  a:\n    handler: a.h\n  b:\n    handler: b.h\n  c:\n    handler: c.h\n    environment:\n      DB_PASSWORD: /orders/prod/db-password\n`;
  it('one finding where the value is written, naming the functions that inherit it', async () => {
    const drafts = (await scan(text)).drafts.filter((d) => d.ruleId === 'env/secret-literal');
    expect(drafts.map((d) => d.region.startLine)).toEqual([lineOf(text, PW)]);
    expect(drafts[0]!.message).toContain('Lambda function a, b holds');
    expect(drafts[0]!.message).not.toContain('a, b, c');
  });
});
