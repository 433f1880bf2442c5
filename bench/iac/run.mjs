#!/usr/bin/env node
// `pnpm bench iac`: the built CLI on a generated corpus of Terraform modules, CloudFormation/SAM
// templates (YAML and JSON) and serverless.yml files. Prints files per second and peak memory.
// The corpus is generated once under .bench/iac/ (a stamp file says which generator made it).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpus = join(root, '.bench', 'iac', 'corpus');
const stampFile = join(root, '.bench', 'iac', 'stamp');
const STAMP = 'iac-corpus-v3';
const COUNTS = { tfModules: 120, tfPerModule: 20, cfnYaml: 1400, cfnJson: 600, serverless: 1000 };

// A small deterministic PRNG so every run scans the same corpus.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const token = (n) => Array.from({ length: n }, () => pick('abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789')).join('');

const ACTIONS = ['s3:GetObject', 's3:PutObject', 'dynamodb:GetItem', 'dynamodb:*', '*', 'sqs:SendMessage', 'kms:Decrypt', 'logs:CreateLogGroup', 'xray:PutTraceSegments', 'iam:PassRole'];
const RESOURCES = ['*', 'arn:aws:s3:::bucket/*', 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders', 'arn:aws:sqs:eu-west-1:123456789012:q'];

function tfFile(m, i) {
  const parts = [];
  if (i === 0) parts.push(`variable "db_password_${m}" {\n  type    = string\n  default = "${token(20)}"\n}\n\nvariable "api_token_${m}" {\n  type      = string\n  sensitive = true\n}\n\nlocals {\n  actions = ["${pick(ACTIONS)}", "${pick(ACTIONS)}"]\n  prefix  = "svc-${m}"\n}\n`);
  parts.push(`resource "aws_lambda_function" "fn_${i}" {\n  function_name = "\${local.prefix}-${i}"\n  role          = aws_iam_role.role_${i}.arn\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n${rnd() < 0.5 ? '  kms_key_arn   = aws_kms_key.key_' + i + '.arn\n' : ''}  environment {\n    variables = {\n      TABLE_NAME   = "orders-${i}"\n      DB_PASSWORD  = ${pick([`var.db_password_${m}`, `"${token(18)}"`, `aws_secretsmanager_secret.s_${i}.arn`, `var.api_token_${m}`])}\n      SECRET_ARN   = aws_secretsmanager_secret.s_${i}.arn\n    }\n  }\n}\n`);
  parts.push(`resource "aws_iam_role" "role_${i}" {\n  name = "role-${i}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]\n  })\n}\n`);
  parts.push(`data "aws_iam_policy_document" "doc_${i}" {\n  statement {\n    effect    = "Allow"\n    actions   = local.actions\n    resources = ["${pick(RESOURCES)}"]\n  }\n  statement {\n    actions   = ["${pick(ACTIONS)}"]\n    resources = ["${pick(RESOURCES)}"]\n  }\n}\n`);
  parts.push(`resource "aws_iam_role_policy" "pol_${i}" {\n  role   = aws_iam_role.role_${i}.id\n  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": ["${pick(ACTIONS)}"], "Resource": "${pick(RESOURCES)}" }\n  ]\n}\nEOF\n}\n`);
  parts.push(`resource "aws_secretsmanager_secret" "s_${i}" {\n  name = "svc/${m}/${i}"\n${rnd() < 0.5 ? '  kms_key_id = aws_kms_key.key_' + i + '.arn\n' : ''}}\n\nresource "aws_kms_key" "key_${i}" {\n  enable_key_rotation = ${rnd() < 0.5}\n}\n`);
  if (rnd() < 0.3) parts.push(`resource "aws_ssm_parameter" "p_${i}" {\n  name  = "/svc/${m}/api-key-${i}"\n  type  = "${pick(['String', 'SecureString'])}"\n  value = var.api_token_${m}\n}\n`);
  return parts.join('\n');
}

function cfnYaml(i) {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  DbPassword${i}:
    Type: String
${rnd() < 0.5 ? '    NoEcho: true\n' : `    Default: ${token(16)}\n`}Globals:
  Function:
    Environment:
      Variables:
        STAGE: prod
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          DB_PASSWORD: !Ref DbPassword${i}
          API_TOKEN: ${pick(['"{{resolve:secretsmanager:svc/token:SecretString:t}}"', token(24), '!Sub "arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:t"'])}
      Policies:
        - Statement:
            - Effect: Allow
              Action: ${JSON.stringify(pick(ACTIONS))}
              Resource: ${JSON.stringify(pick(RESOURCES))}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - ${pick(['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'])}
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: svc/${i}
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: ${rnd() < 0.5}
`;
}

function cfnJson(i) {
  return JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Environment: { Variables: { API_KEY: pick([token(22), { Ref: 'Secret' }]), TABLE: 't' } } } },
      Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: `s-${i}` } },
      Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: [pick(ACTIONS)], Resource: { 'Fn::Sub': 'arn:aws:s3:::${B}/*' } }, { Effect: 'Allow', Action: pick(ACTIONS), Resource: pick(RESOURCES) }] } } },
    },
  }, null, 2);
}

function serverless(i) {
  return `service: svc-${i}
frameworkVersion: '3'
custom:
  table: orders-${i}
provider:
  name: aws
  runtime: nodejs20.x
${rnd() < 0.3 ? '  kmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/k\n' : ''}  environment:
    TABLE_NAME: \${self:custom.table}
    DB_PASSWORD: ${pick(['${ssm:/svc/db-password}', token(18), 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db', '${env:DB_PASSWORD}'])}
  iam:
    role:
      statements:
        - Effect: Allow
          Action: ${JSON.stringify(pick(ACTIONS))}
          Resource: ${JSON.stringify(pick(RESOURCES))}
        - Effect: Allow
          Action: [xray:PutTraceSegments]
          Resource: "*"
functions:
  api:
    handler: dist/api.handler
    environment:
      API_KEY: ${pick(['/svc/api-key', token(26), '${ssm:/svc/api-key}'])}
  worker:
    handler: dist/worker.handler
resources:
  Resources:
    Queue:
      Type: AWS::SQS::Queue
    Key:
      Type: AWS::KMS::Key
      Properties:
        EnableKeyRotation: ${rnd() < 0.5}
`;
}

function generate() {
  rmSync(join(root, '.bench', 'iac'), { recursive: true, force: true });
  let n = 0;
  for (let m = 0; m < COUNTS.tfModules; m++) {
    const dir = join(corpus, 'terraform', `module-${m}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < COUNTS.tfPerModule; i++, n++) writeFileSync(join(dir, `f${i}.tf`), tfFile(m, i));
    writeFileSync(join(dir, 'terraform.tfvars'), `api_token_${m} = "${token(24)}"\n`);
    n++;
  }
  const cfn = join(corpus, 'cloudformation');
  mkdirSync(cfn, { recursive: true });
  for (let i = 0; i < COUNTS.cfnYaml; i++, n++) writeFileSync(join(cfn, `stack-${i}.yaml`), cfnYaml(i));
  for (let i = 0; i < COUNTS.cfnJson; i++, n++) writeFileSync(join(cfn, `stack-${i}.json`), cfnJson(i));
  for (let i = 0; i < COUNTS.serverless; i++, n++) {
    const dir = join(corpus, 'serverless', `svc-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'serverless.yml'), serverless(i));
  }
  // The repository's .gitignore ignores .bench/: make the corpus a repository of its own so the
  // CLI's discovery (which honours every .gitignore up to the repository top) walks it.
  spawnSync('git', ['init', '-q', join(root, '.bench', 'iac')]);
  writeFileSync(stampFile, `${STAMP}\n${n}\n`);
  return n;
}

const cached = existsSync(stampFile) && readFileSync(stampFile, 'utf8').startsWith(STAMP);
const t0 = performance.now();
const files = cached ? Number(readFileSync(stampFile, 'utf8').split('\n')[1]) : generate();
console.log(`corpus: ${files} files under .bench/iac/corpus (${cached ? 'cached' : `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`})`);

const cli = join(root, 'packages', 'cli', 'dist', 'bin.js');
if (!existsSync(cli)) {
  console.error('bench/iac: build first (pnpm build)');
  process.exit(1);
}
const report = join(root, '.bench', 'iac', 'report.json');
const args = [cli, 'scan', corpus, '--format', 'json', '--output', report, '--fail-on', 'none', '--quiet'];
const haveTime = existsSync('/usr/bin/time');
const started = performance.now();
const run = haveTime
  ? spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, ...args], { encoding: 'utf8', cwd: root })
  : spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root });
const seconds = (performance.now() - started) / 1000;
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}
const parsed = JSON.parse(readFileSync(report, 'utf8'));
const findings = parsed.findings?.length ?? parsed.runs?.[0]?.results?.length ?? 0;
const scanned = parsed.summary?.filesScanned ?? parsed.stats?.filesScanned ?? files;
const byRule = new Map();
for (const f of parsed.findings ?? []) byRule.set(f.ruleId.split('/')[0], (byRule.get(f.ruleId.split('/')[0]) ?? 0) + 1);
const notifications = parsed.notifications?.length ?? 0;
console.log(`scanned: ${scanned} files, ${findings} findings (${[...byRule].map(([k, v]) => `${k} ${v}`).join(', ')}), ${notifications} notifications`);
console.log(`time: ${seconds.toFixed(2)} s wall, ${(scanned / seconds).toFixed(0)} files/s (process start and grammar load included)`);
if (haveTime) {
  const line = run.stderr.trim().split('\n').pop() ?? '';
  const [kb] = line.split(' ');
  console.log(`peak memory: ${(Number(kb) / 1024).toFixed(0)} MiB max RSS (GNU time)`);
} else {
  console.log('peak memory: not measured (install GNU time: apt-get install -y time)');
}

// The same files scanned in this process, one at a time, without the CLI's discovery, worker pool
// and report: what the three IaC scanners and the secret engine cost by themselves.
{
  const { createScanContext, scanFileBytes } = await import(join(root, 'packages', 'cli', 'dist', 'index.js'));
  const { readdirSync, statSync } = await import('node:fs');
  const list = [];
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      if (n === '.git') continue;
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else list.push(p);
    }
  };
  walk(corpus);
  const ctx = await createScanContext({ allow: [], exclude: [], rules: {}, customRules: [] });
  const files = list.map((p) => [p, readFileSync(p)]);
  const t = performance.now();
  let n = 0;
  for (const [p, bytes] of files) n += (await scanFileBytes(p.slice(corpus.length + 1), bytes, ctx, p)).findings.length;
  const s = (performance.now() - t) / 1000;
  console.log(`in-process (scanners + engine + buildFindings, one thread, files already read): ${files.length} files, ${n} findings, ${s.toFixed(2)} s, ${(files.length / s).toFixed(0)} files/s`);
}
