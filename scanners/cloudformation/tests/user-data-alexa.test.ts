/**
 * CloudFormation inputs that hide or nest secrets: base64 `UserData` (decoded and scanned), Alexa
 * skill templates, and a function environment value only the catalog recognises.
 */
import { describe, expect, it } from 'vitest';
import { SecretEngine, oneAlertPerSecret } from '@leakguard/core';
import { CloudFormationScanner } from '@leakguard/scanner-cloudformation';
import { lineOf, planted } from './helpers.js';

const scanner = new CloudFormationScanner();
const engine = new SecretEngine();
const { password: PASSWORD, awsKeyId: KEY_ID, b64 } = planted;
const PEM = planted.pem('OPENSSH');

async function scan(text: string) {
  const out = await scanner.scan({ path: 'template.yaml', text }, { secrets: engine });
  return oneAlertPerSecret(out.drafts);
}
const summary = async (text: string) => (await scan(text)).map((d) => `${d.ruleId}@${d.region.startLine}${d.properties?.alsoReportedAs ? ` (also ${d.properties.alsoReportedAs})` : ''}`).sort();
const template = (resources: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}`;
const instance = (userData: string) => template(`  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-04169656fea786776\n      UserData: ${userData}\n`);

describe('CloudFormation UserData: base64 decoded and scanned', () => {
  it.each<[string, string, string[]]>([
    ['a private key in an instance\'s base64 UserData', instance(b64(`#!/bin/bash\ncat > /home/ec2-user/.ssh/id <<EOF\n${PEM}\nEOF\n`)), ['secret/private-key-openssh@7']],
    ['a password in an instance\'s base64 UserData', instance(b64(`#!/bin/bash\nexport DB_PASSWORD=${PASSWORD}\n`)), ['secret/generic-env-assignment@7']],
    ['a launch template\'s LaunchTemplateData.UserData', template(`  LT:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        UserData: "${b64(`#!/bin/bash\nexport DB_PASSWORD=${PASSWORD}\n`)}"\n`), ['secret/generic-env-assignment@7']],
    ['a launch configuration\'s UserData', template(`  LC:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      UserData: ${b64(`aws configure set aws_access_key_id ${KEY_ID}\n`)}\n`), ['secret/aws-access-key-id@6']],
    // Fn::Base64 of a literal: the script is written in clear; the catalog reads it at its own line.
    ['Fn::Base64 of a literal script (in clear: reported at its line)', instance(`\n        Fn::Base64: !Sub |\n          #!/bin/bash\n          export DB_PASSWORD=${PASSWORD}\n`), ['secret/generic-env-assignment@10']],
  ])('%s', async (_n, text, expected) => {
    expect(await summary(text)).toEqual(expected);
  });

  it('says the secret was decoded, points at the encoded attribute and keeps the decoded secret for hashing', async () => {
    const encoded = b64(`#!/bin/bash\nexport DB_PASSWORD=${PASSWORD}\n`);
    const [d] = await scan(instance(encoded));
    expect(d!.message).toBe('Secret in an environment or properties file found in Resources.Web.Properties.UserData, once base64-decoded');
    expect(d!.region).toEqual({ startLine: 7, startColumn: 17, endLine: 7, endColumn: 17 + encoded.length });
    expect(d!.secret).toBe(PASSWORD);
    expect(d!.properties).toEqual({ decodedFrom: 'base64', decodedLine: 2 });
  });

  it.each<[string, string]>([
    ['a base64 script with no secret', instance(b64('#!/bin/bash\nyum install -y httpd\nsystemctl enable --now httpd\n'))],
    ['a base64 script that reads its secret at boot', instance(b64('#!/bin/bash\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)\n'))],
    ['a base64 script with a placeholder', instance(b64('#!/bin/bash\nexport DB_PASSWORD=changeme\n'))],
    ['a UserData that is not base64', instance('not-base64-at-all')],
    ['a Ref to a parameter', instance('!Ref UserDataParam')],
  ])('%s: nothing', async (_n, text) => {
    expect(await summary(text)).toEqual([]);
  });
});

describe('Alexa skill templates are CloudFormation', () => {
  const skill = (auth: string) => `Resources:\n  Skill:\n    Type: Alexa::ASK::Skill\n    Properties:\n      VendorId: M2AB3CD4EF5GH\n      AuthenticationConfiguration:\n${auth}      SkillPackage:\n        S3Bucket: skills\n        S3Key: skill.zip\n`;

  it('is accepted by content without AWSTemplateFormatVersion or AWS:: types', () => {
    expect(scanner.accepts({ path: 'skill.yaml', text: skill('        ClientId: amzn1.application-oa2-client.1\n') })).toBe(true);
  });

  it('judges the literal secrets of AuthenticationConfiguration (a *Configuration block)', async () => {
    const text = skill(`        ClientId: amzn1.application-oa2-client.aad322b5faab44b980c8f87f94fbac56\n        ClientSecret: ${PASSWORD}Q9xY\n        RefreshToken: Atzr|IwEBI${PASSWORD}${PASSWORD}\n`);
    expect(await summary(text)).toEqual([
      `secret/literal-secret-attribute@${lineOf(text, 'ClientSecret')} (also secret/generic-env-assignment)`,
      `secret/literal-secret-attribute@${lineOf(text, 'RefreshToken')} (also secret/generic-env-assignment)`,
    ]);
  });

  it('passes dynamic references and parameters', async () => {
    const text = skill('        ClientId: !Ref ClientId\n        ClientSecret: "{{resolve:secretsmanager:alexa:SecretString:clientSecret}}"\n        RefreshToken: !Ref RefreshToken\n');
    expect(await summary(text)).toEqual([]);
  });
});

describe('Lambda environment: a value the catalog recognises under a name that says nothing', () => {
  const fn = (env: string) => template(`  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      KmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/k\n      Environment:\n        Variables:\n${env}`);
  it('one alert under the catalog rule, naming env/secret-literal', async () => {
    expect(await summary(fn(`          foo: ${KEY_ID}\n`))).toEqual(['secret/aws-access-key-id@10 (also env/secret-literal)']);
  });
  it('a value no rule knows under such a name is not reported', async () => {
    expect(await summary(fn(`          foo: ${PASSWORD}\n          REGION: eu-west-1\n`))).toEqual([]);
  });
});

describe('CloudFormation name/value pairs are judged under their name', () => {
  const task = (env: string) => template(`  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: api\n          Image: api:1\n          Environment:\n${env}`);
  const codebuild = (vars: string) => template(`  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Environment:\n        Type: LINUX_CONTAINER\n        EnvironmentVariables:\n${vars}`);
  it.each<[string, string, string[]]>([
    ['an ECS container environment pair', task(`            - Name: DB_PASSWORD\n              Value: ${PASSWORD}\n`), ['secret/literal-secret-attribute@11']],
    ['a CodeBuild plaintext variable', codebuild(`          - Name: NPM_TOKEN\n            Type: PLAINTEXT\n            Value: ${PASSWORD}\n`), ['secret/literal-secret-attribute@11']],
    ['an Elastic Beanstalk option', template(`  Env:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n      OptionSettings:\n        - Namespace: aws:elasticbeanstalk:application:environment\n          OptionName: API_SECRET\n          Value: ${PASSWORD}\n`), ['secret/literal-secret-attribute@9']],
  ])('%s', async (_n, text, expected) => {
    expect(await summary(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['a CodeBuild Secrets Manager variable (a reference)', codebuild('          - Name: NPM_TOKEN\n            Type: SECRETS_MANAGER\n            Value: ci/npm:token\n')],
    ['a CodeBuild Parameter Store variable (a reference)', codebuild('          - Name: DB_PASSWORD\n            Type: PARAMETER_STORE\n            Value: /ci/db-password-value\n')],
    ['a non-secret name', task(`            - Name: LOG_LEVEL\n              Value: debug\n`)],
    ['a dynamic reference', task('            - Name: DB_PASSWORD\n              Value: "{{resolve:secretsmanager:db:SecretString:password}}"\n')],
    ['ECS Secrets with ValueFrom', task('            - Name: STAGE\n              Value: prod\n          Secrets:\n            - Name: DB_PASSWORD\n              ValueFrom: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\n')],
  ])('%s: nothing', async (_n, text) => {
    expect(await summary(text)).toEqual([]);
  });
});
