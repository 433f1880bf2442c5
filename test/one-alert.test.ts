/**
 * One secret, one alert, through the CLI on every kind of file whose judge carries the secret
 * (CloudFormation, Terraform, serverless, Bicep, local.settings.json, Dockerfile, workflows): a
 * literal found by the catalog and by the judge of what holds it is one finding, under the most
 * specific rule, naming the other views in properties.alsoReportedAs (SARIF result properties).
 */
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './support/cli.js';
import { PLANTED } from './support/planted.js';

const project = () =>
  makeProject({
    'template.yaml': [
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Environment:',
      '        Variables:',
      `          STRIPE_SECRET_KEY: ${PLANTED.stripe}`,
      `          DB_PASSWORD: "${PLANTED.password}"`,
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      `      MasterUserPassword: "${PLANTED.password}"`,
      '',
    ].join('\n'),
    'main.tf': `resource "aws_lambda_function" "f" {\n  environment {\n    variables = {\n      AWS_SECRET_ACCESS_KEY = "${PLANTED.awsSecretKey}"\n    }\n  }\n}\n`,
    'serverless.yml': `provider:\n  environment:\n    SLACK_BOT_TOKEN: ${PLANTED.slack}\n`,
    Dockerfile: `FROM node:20\nENV STRIPE_SECRET_KEY=${PLANTED.stripe}\n`,
    '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      STRIPE_SECRET_KEY: ${PLANTED.stripe}\n    steps:\n      - run: echo hi\n`,
    'api/local.settings.json': JSON.stringify({ IsEncrypted: false, Values: { SLACK_BOT_TOKEN: PLANTED.slack } }, null, 2),
  });

interface Finding {
  ruleId: string;
  location: { path: string; startLine: number };
  secret?: { hash: string };
  properties?: { alsoReportedAs?: string };
}

describe('one secret, one alert (CLI)', () => {
  const run = runCli(['scan', '.', '--format', 'json'], { cwd: project() });
  const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.secret);
  const at = (path: string, line: number) => findings.filter((f) => f.location.path === path && f.location.startLine === line);

  it('no secret is reported twice at one place', () => {
    const keys = findings.map((f) => `${f.location.path}:${f.location.startLine}:${f.secret!.hash}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.length - new Set(keys).size).toBe(0);
  });

  it.each<[string, number, string, string]>([
    ['template.yaml', 7, 'secret/stripe-live-secret-key', 'env/secret-literal'],
    ['main.tf', 4, 'secret/aws-secret-access-key', 'env/secret-literal'],
    ['serverless.yml', 3, 'secret/slack-bot-token', 'env/secret-literal'],
    ['Dockerfile', 2, 'secret/stripe-live-secret-key', 'container/secret-in-env'],
    ['.github/workflows/ci.yml', 6, 'secret/stripe-live-secret-key', 'ci/plaintext-secret'],
    ['api/local.settings.json', 4, 'secret/slack-bot-token', 'env/secret-literal'],
  ])('%s:%i is %s, also reported as %s', (path, line, rule, other) => {
    expect(at(path, line).map((f) => [f.ruleId, f.properties?.alsoReportedAs])).toEqual([[rule, other]]);
  });

  it('a password no provider rule knows is reported by the judge of what holds it', () => {
    expect(at('template.yaml', 8).map((f) => f.ruleId)).toEqual(['env/secret-literal']);
    expect(at('template.yaml', 12).map((f) => f.ruleId)).toEqual(['secret/literal-secret-attribute']);
  });
});
