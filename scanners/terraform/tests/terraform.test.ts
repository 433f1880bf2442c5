import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFindings } from '@leakguard/core';
import { TerraformScanner, parseJson } from '@leakguard/scanner-terraform';
import { engine } from '../../cloudformation/tests/helpers.js';

const scanner = new TerraformScanner();
beforeAll(() => scanner.init());

const scan = (text: string, path = 'main.tf', absolutePath?: string) => scanner.scan(absolutePath ? { path, text, absolutePath } : { path, text }, { secrets: engine });
const ids = async (text: string, path?: string) => (await scan(text, path)).drafts.map((d) => d.ruleId).sort();
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

const lambda = (env: string, extra = '') => `resource "aws_lambda_function" "f" {\n  function_name = "f"\n${extra}  environment {\n    variables = {\n${env}    }\n  }\n}\n`;
const policy = (doc: string) => `resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = ${doc}\n}\n`;
const statement = (body: string) => `data "aws_iam_policy_document" "d" {\n  statement {\n${body}  }\n}\n`;
const KMS = '  kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/k"\n';

describe('Terraform: findings', () => {
  it.each<[string, string, string[]]>([
    ['literal password in a Lambda environment', lambda('      DB_PASSWORD = "Pr0d-Db-Passw0rd!2024"\n'), ['env/secret-literal', 'kms/lambda-env-without-cmk']],
    ['a variable default flowing into the environment', `variable "db_password" {\n  default   = "Tf-Db-Passw0rd-2024!"\n  sensitive = true\n}\n` + lambda('      DB_PASSWORD = var.db_password\n', KMS), ['env/secret-literal', 'secret/literal-default']],
    ['a local built by interpolation', `locals {\n  prefix = "tok"\n  token  = "\${local.prefix}-7c2e9a41b6d05f83"\n}\n` + lambda('      API_TOKEN = local.token\n', KMS), ['env/secret-literal']],
    ['a non-sensitive variable without default (deploy time)', `variable "pw" {\n  type = string\n}\n` + lambda('      DB_PASSWORD = var.pw\n', KMS), ['env/deploy-time-secret']],
    ['jsonencode Action "*"', policy('jsonencode({\n    Statement = [{\n      Effect   = "Allow"\n      Action   = "*"\n      Resource = "*"\n    }]\n  })'), ['iam/wildcard-action']],
    ['heredoc JSON service wildcard', policy('<<EOF\n{\n  "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "arn:aws:s3:::b/*"}]\n}\nEOF'), ['iam/service-wildcard-action']],
    ['heredoc with interpolation: NotAction still read', policy('<<-EOF\n  {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "${aws_s3_bucket.b.arn}"}]}\n  EOF'), ['iam/not-action-allow']],
    ['Glacier vault open to anyone (among named principals)', `resource "aws_glacier_vault" "v" {\n  name = "v"\n  access_policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "*"]}, "Action": "glacier:InitiateJob", "Resource": "*"}]}\nEOF\n}\n`, ['iam/wildcard-principal']],
    ['bucket policy on the bucket itself, Referer only', `resource "aws_s3_bucket" "b" {\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*",\n      Condition = { StringLike = { "aws:Referer" = ["https://example.com/*"] } } }]\n  })\n}\n`, ['iam/wildcard-principal']],
    ['Elasticsearch domain policy open to anyone', `resource "aws_elasticsearch_domain_policy" "d" {\n  domain_name = "d"\n  access_policies = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*" }] })\n}\n`, ['iam/service-wildcard-action', 'iam/wildcard-principal']],
    ['SSO permission set inline policy', `resource "aws_ssoadmin_permission_set_inline_policy" "p" {\n  inline_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n`, ['iam/wildcard-action']],
    ['Lambda permission granting lambda:*', `resource "aws_lambda_permission" "p" {\n  action        = "lambda:*"\n  function_name = "f"\n  principal     = "s3.amazonaws.com"\n  source_arn    = "arn:aws:s3:::b"\n}\n`, ['iam/service-wildcard-action']],
    ['policy document condition on aws:Referer only', `data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "StringLike"\n      variable = "aws:Referer"\n      values   = ["https://example.com/*"]\n    }\n  }\n}\n`, ['iam/wildcard-principal']],
    ['a hand-written heredoc policy with trailing commas is still read', `resource "aws_sns_topic_policy" "t" {\n  arn = "a"\n  policy = <<POLICY\n{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SNS:Publish",], "Resource": "*"},]}\nPOLICY\n}\n`, ['iam/wildcard-principal']],
    ['a policy passed to a module as a heredoc', `module "bucket" {\n  source = "./bucket"\n  policy = <<POLICY\n{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}\nPOLICY\n}\n`, ['iam/wildcard-principal']],
    ['an identity policy passed to a module with jsonencode', `module "role" {\n  source = "./role"\n  inline_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n`, ['iam/wildcard-action']],
    ['quoted JSON string', policy('"{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"kms:Decrypt\\",\\"Resource\\":\\"*\\"}]}"'), ['iam/wildcard-resource']],
    ['policy document: PassRole on "*"', statement('    actions   = ["iam:PassRole"]\n    resources = ["*"]\n'), ['iam/passrole-wildcard']],
    ['policy document: actions from a local', `locals {\n  acts = ["dynamodb:*"]\n}\n` + statement('    actions   = local.acts\n    resources = ["arn:aws:dynamodb:eu-west-1:1:table/t"]\n'), ['iam/service-wildcard-action']],
    ['policy document: principals "*" without condition', statement('    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n'), ['iam/wildcard-principal']],
    ['source_policy_documents with an inline jsonencode', `data "aws_iam_policy_document" "d" {\n  source_policy_documents = [jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })]\n}\n`, ['iam/wildcard-action']],
    ['inline_policy of a role', `resource "aws_iam_role" "r" {\n  assume_role_policy = "{}"\n  inline_policy {\n    name   = "x"\n    policy = jsonencode({ Statement = [{ Effect = "Allow", NotResource = "arn:aws:s3:::b", Action = "s3:GetObject" }] })\n  }\n}\n`, ['iam/not-resource-allow']],
    ['AdministratorAccess attached', 'resource "aws_iam_role_policy_attachment" "a" {\n  role       = "r"\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n', ['iam/admin-policy-attached']],
    ['Lambda permission for anyone', 'resource "aws_lambda_permission" "p" {\n  action        = "lambda:InvokeFunction"\n  function_name = "f"\n  principal     = "*"\n}\n', ['iam/wildcard-principal']],
    ['secret without rotation or key', 'resource "aws_secretsmanager_secret" "s" {\n  name = "s"\n}\n', ['kms/secret-without-cmk', 'rotation/secret-without-rotation']],
    ['KMS key rotation off', 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n', ['rotation/kms-key-without-rotation']],
    ['SSM String with a secret name', 'resource "aws_ssm_parameter" "p" {\n  name  = "/app/db_password"\n  type  = "String"\n  value = var.x\n}\n', ['kms/ssm-secret-as-string']],
    ['SSM parameter with a secret name and a literal value', 'resource "aws_ssm_parameter" "webhook_secret" {\n  name  = "/orders/webhook-secret"\n  type  = "SecureString"\n  value = "whsec-2f9c81d0a7b34e55b1c6"\n}\n', ['secret/literal-secret-attribute']],
    ['Key Vault secret with a literal value', 'resource "azurerm_key_vault_secret" "s" {\n  name            = "db-password"\n  value           = "Sup3r-S3cret-Db-2024"\n  expiration_date = "2027-01-01T00:00:00Z"\n}\n', ['secret/literal-secret-attribute']],
    ['secret_string written in the code', 'resource "aws_secretsmanager_secret_version" "v" {\n  secret_id     = aws_secretsmanager_secret.s.id\n  secret_string = "Sup3r-S3cret-Db-2024"\n}\n', ['secret/literal-secret-attribute']],
    ['Key Vault secret without expiry', 'resource "azurerm_key_vault_secret" "s" {\n  name         = "db"\n  value        = var.x\n  key_vault_id = "id"\n}\n', ['rotation/keyvault-secret-without-expiry']],
    ['Azure Function app setting with a literal', 'resource "azurerm_linux_function_app" "f" {\n  app_settings = {\n    "StripeApiKey" = "sk-7c2e9a41b6d05f83ea1c"\n  }\n}\n', ['env/secret-literal']],
    ['Cloud Function environment literal', 'resource "google_cloudfunctions_function" "f" {\n  environment_variables = {\n    DB_PASSWORD = "Pr0d-Db-Passw0rd!2024"\n  }\n}\n', ['env/secret-literal']],
    ['Cloud Functions v2 service_config literal', 'resource "google_cloudfunctions2_function" "f" {\n  service_config {\n    environment_variables = {\n      API_KEY = "k-7c2e9a41b6d05f83ea"\n    }\n  }\n}\n', ['env/secret-literal']],
    ['Cloud Run v2 env literal', 'resource "google_cloud_run_v2_service" "s" {\n  template {\n    containers {\n      env {\n        name  = "API_TOKEN"\n        value = "tok-7c2e9a41b6d05f83"\n      }\n    }\n  }\n}\n', ['env/secret-literal']],
    ['provider credentials', 'provider "aws" {\n  secret_key = "OAYGSTWjRlLK6sNdVU72lZ+o2/YH19dCqgn28s9D"\n}\n', ['secret/literal-secret-attribute']],
    ['database password literal', 'resource "aws_db_instance" "d" {\n  password = "Sup3r-S3cret-Db-2024"\n}\n', ['secret/literal-secret-attribute']],
    ['local module input literal', 'module "db" {\n  source      = "./modules/db"\n  db_password = "Sup3r-S3cret-Db-2024"\n}\n', ['secret/literal-secret-attribute']],
    ['a map passed to a module', 'module "fn" {\n  source = "./modules/fn"\n  environment = {\n    TABLE_NAME  = "orders"\n    DB_PASSWORD = "Sup3r-S3cret-Db-2024"\n  }\n}\n', ['secret/literal-secret-attribute']],
    ['output not sensitive', 'output "db_password" {\n  value = var.x\n}\n', ['secret/sensitive-not-marked']],
    ['GCP Secret Manager secret without rotation', 'resource "google_secret_manager_secret" "db" {\n  secret_id = "db-password"\n  replication {\n    auto {}\n  }\n}\n', ['rotation/secret-without-rotation']],
    ['ECS container environment literal', 'resource "aws_ecs_task_definition" "t" {\n  container_definitions = jsonencode([{\n    name = "api"\n    environment = [{ name = "DB_PASSWORD", value = "Pr0d-Db-Passw0rd!2024" }]\n  }])\n}\n', ['env/secret-literal']],
    ['ECS container definitions as JSON text', 'resource "aws_ecs_task_definition" "t" {\n  container_definitions = <<EOF\n[{"name": "api", "environment": [{"name": "API_TOKEN", "value": "tok-7c2e9a41b6d05f83"}]}]\nEOF\n}\n', ['env/secret-literal']],
    ['App Runner runtime environment literal', 'resource "aws_apprunner_service" "s" {\n  source_configuration {\n    image_repository {\n      image_configuration {\n        runtime_environment_variables = {\n          STRIPE_SECRET_KEY = "k-7c2e9a41b6d05f83ea"\n        }\n      }\n    }\n  }\n}\n', ['env/secret-literal']],
  ])('%s', async (_n, text, expected) => {
    expect(await ids(text)).toEqual(expected);
  });
});

describe('Terraform: references and near-misses pass', () => {
  it.each<[string, string]>([
    ['queue policy: Resource "*" is the queue, caller restricted by source ARN', `resource "aws_sqs_queue_policy" "q" {\n  queue_url = "u"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*",\n    Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:123456789012:t" } } }] })\n}\n`],
    ['trust policy with a Resource element', `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole", Resource = "*" }] })\n}\n`],
    ['a Secrets Manager ARN reference', lambda('      DB_SECRET_ARN = aws_secretsmanager_secret.db.arn\n')],
    ['a secret-like name holding a secret reference', lambda('      DB_PASSWORD = aws_secretsmanager_secret_version.db.arn\n')],
    ['a sensitive variable', `variable "pw" {\n  sensitive = true\n}\n` + lambda('      DB_PASSWORD = var.pw\n', KMS)],
    ['a data source', lambda('      API_TOKEN = data.aws_ssm_parameter.t.name\n')],
    ['an unresolved module output', lambda('      DB_PASSWORD = module.db.password\n')],
    ['a non-secret literal', lambda('      TABLE_NAME = "orders"\n')],
    ['a placeholder', lambda('      DB_PASSWORD = "changeme"\n')],
    ['a conditional on an unknown', lambda('      DB_PASSWORD = var.prod ? var.a : var.b\n')],
    ['Key Vault reference', 'resource "azurerm_linux_function_app" "f" {\n  app_settings = {\n    "DbPassword" = "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault_secret.db.id})"\n  }\n}\n'],
    ['GCP secret_environment_variables', 'resource "google_cloudfunctions_function" "f" {\n  secret_environment_variables {\n    key     = "DB_PASSWORD"\n    secret  = "db-password"\n    version = "latest"\n  }\n}\n'],
    ['Cloud Run env from a secret', 'resource "google_cloud_run_v2_service" "s" {\n  template {\n    containers {\n      env {\n        name = "API_TOKEN"\n        value_source {\n          secret_key_ref {\n            secret  = "t"\n            version = "latest"\n          }\n        }\n      }\n    }\n  }\n}\n'],
    ['GCP Secret Manager secret with rotation', 'resource "google_secret_manager_secret" "db" {\n  secret_id = "db-password"\n  topics {\n    name = google_pubsub_topic.rotate.id\n  }\n  rotation {\n    rotation_period    = "2592000s"\n    next_rotation_time = "2027-01-01T00:00:00Z"\n  }\n}\n'],
    ['ECS secrets valueFrom', 'resource "aws_ecs_task_definition" "t" {\n  container_definitions = jsonencode([{\n    name = "api"\n    environment = [{ name = "TABLE_NAME", value = "orders" }]\n    secrets = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }]\n  }])\n}\n'],
    ['App Runner runtime environment secrets', 'resource "aws_apprunner_service" "s" {\n  source_configuration {\n    image_repository {\n      image_configuration {\n        runtime_environment_secrets = {\n          STRIPE_SECRET_KEY = aws_secretsmanager_secret.stripe.arn\n        }\n      }\n    }\n  }\n}\n'],
    ['Deny statements', statement('    effect    = "Deny"\n    actions   = ["*"]\n    resources = ["*"]\n')],
    ['logging and X-Ray on "*"', statement('    actions   = ["logs:CreateLogGroup", "xray:PutTraceSegments", "sts:GetCallerIdentity"]\n    resources = ["*"]\n')],
    ['actions from an unknown variable on "*"', statement('    actions   = var.actions\n    resources = ["*"]\n')],
    ['principal "*" with a condition', statement('    actions = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = ["o-1"]\n    }\n')],
    ['a trust policy for a service', 'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })\n}\n'],
    ['KMS key with rotation and the default key policy', 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" }] })\n}\n'],
    ['asymmetric KMS key', 'resource "aws_kms_key" "k" {\n  customer_master_key_spec = "RSA_2048"\n  key_usage                = "SIGN_VERIFY"\n}\n'],
    ['secret with rotation and key', 'resource "aws_secretsmanager_secret" "s" {\n  kms_key_id = aws_kms_key.k.arn\n}\nresource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id = aws_secretsmanager_secret.s.id\n}\n'],
    ['SSM parameter with a plain name and a literal value', 'resource "aws_ssm_parameter" "t" {\n  name  = "/orders/table-name"\n  type  = "String"\n  value = "orders-prod-table"\n}\n'],
    ['secret_string from a generated password', 'resource "aws_secretsmanager_secret_version" "v" {\n  secret_id     = aws_secretsmanager_secret.s.id\n  secret_string = random_password.db.result\n}\n'],
    ['SSM SecureString', 'resource "aws_ssm_parameter" "p" {\n  name = "/app/db_password"\n  type = "SecureString"\n  value = var.x\n}\n'],
    ['Key Vault secret with expiry', 'resource "azurerm_key_vault_secret" "s" {\n  name            = "db"\n  value           = var.x\n  expiration_date = "2027-01-01T00:00:00Z"\n}\n'],
    ['provider with a profile', 'provider "aws" {\n  profile = "prod"\n  region  = "eu-west-1"\n}\n'],
    ['API Gateway authorization enum', 'resource "aws_api_gateway_method" "m" {\n  authorization = "AWS_IAM"\n}\n'],
    ['output of a secret\'s name', 'output "lambda_secret" {\n  value = aws_secretsmanager_secret.lambda_secret.name\n}\n'],
    ['a setting named after a secret', 'variable "secret_rotation_lambda_memory" {\n  default = 128\n}\n'],
    ['sensitive output', 'output "db_password" {\n  value     = var.x\n  sensitive = true\n}\n'],
    ['password length setting', 'resource "random_password" "p" {\n  length = 32\n}\n'],
  ])('%s', async (_n, text) => {
    expect(await ids(text)).toEqual([]);
  });
});

describe('Terraform: positions', () => {
  it('points inside a heredoc policy at the offending value', async () => {
    const text = policy('<<EOF\n{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}\nEOF');
    const [d] = (await scan(text)).drafts;
    expect(d?.ruleId).toBe('iam/wildcard-resource');
    expect(d?.region).toMatchObject({ startLine: lineOf(text, '"Resource": "*"'), startColumn: 19 });
  });

  it('points at the list item in a policy document and at the env value', async () => {
    const text = statement('    actions   = ["s3:GetObject", "s3:*"]\n    resources = ["arn:aws:s3:::b/*"]\n') + lambda('      DB_PASSWORD = "Pr0d-Db-Passw0rd!2024"\n', KMS);
    const drafts = (await scan(text)).drafts;
    expect(drafts.find((d) => d.ruleId === 'iam/service-wildcard-action')?.region).toMatchObject({ startLine: 3, startColumn: 34 });
    // The secret itself, inside its quotes: where the catalog rule that knows the value reports it too.
    expect(drafts.find((d) => d.ruleId === 'env/secret-literal')?.region).toMatchObject({ startLine: lineOf(text, 'DB_PASSWORD'), startColumn: 22, endColumn: 22 + 'Pr0d-Db-Passw0rd!2024'.length });
  });

  it('reports a quoted secret attribute at the same place as the catalog rule that knows the key', async () => {
    const text = 'provider "aws" {\n  region     = "eu-west-1"\n  access_key = "AKIA2E4Q3MX7RZ6B5TWK"\n}\n';
    const drafts = (await scan(text)).drafts.filter((d) => d.region.startLine === 3);
    expect(drafts.map((d) => d.ruleId).sort()).toEqual(['secret/aws-access-key-id', 'secret/literal-secret-attribute']);
    expect(drafts[0]!.region).toEqual(drafts[1]!.region);
    expect(drafts[0]!.region).toMatchObject({ startColumn: 17, endColumn: 37 });
  });

  it('reports a value taken from a variable at the line that uses it', async () => {
    const text = `variable "pw" {\n  default   = "Tf-Db-Passw0rd-2024!"\n  sensitive = true\n}\n` + lambda('      DB_PASSWORD = var.pw\n', KMS);
    const d = (await scan(text)).drafts.find((x) => x.ruleId === 'env/secret-literal');
    expect(d?.region.startLine).toBe(lineOf(text, 'DB_PASSWORD'));
  });
});

describe('Terraform: output safety', () => {
  it.each([
    ['an escaped quote', 'resource "aws_db_instance" "d" {\n  password = "Sup3r\\"S3cret-Db-2024"\n}\n'],
    ['an escaped newline', 'provider "github" {\n  token = "tok3n-S3cret\\nline-two-2024"\n}\n'],
  ])('masks a literal written with %s in the snippet', async (_n, text) => {
    const out = await scan(text);
    expect(out.drafts.some((d) => d.ruleId === 'secret/literal-secret-attribute')).toBe(true);
    const findings = buildFindings('main.tf', text, out.drafts, () => undefined);
    for (const f of findings) expect(`${f.snippet} ${f.message}`).not.toMatch(/S3cret/);
  });
});

describe('Terraform: modules across files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leakguard-tf-'));
    writeFileSync(join(dir, 'variables.tf'), 'variable "api_token" {\n  type = string\n}\nvariable "actions" {\n  default = ["s3:GetObject"]\n}\n');
    writeFileSync(join(dir, 'locals.tf'), 'locals {\n  admin = ["*"]\n}\n');
    writeFileSync(join(dir, 'terraform.tfvars'), 'api_token = "tok-7c2e9a41b6d05f83"\nactions = ["dynamodb:*"]\n');
    writeFileSync(join(dir, 'rotation.tf'), 'resource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id = aws_secretsmanager_secret.s.id\n}\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves variables from .tfvars, locals and rotations from the other files of the module', async () => {
    const text = lambda('      API_TOKEN = var.api_token\n', KMS) + statement('    actions   = var.actions\n    resources = ["arn:aws:dynamodb:eu-west-1:1:table/t"]\n') + statement('    actions   = local.admin\n    resources = ["arn:aws:s3:::b"]\n').replace('"d"', '"e"') + 'resource "aws_secretsmanager_secret" "s" {\n  kms_key_id = "k"\n}\n';
    writeFileSync(join(dir, 'main.tf'), text);
    const out = await scan(text, 'infra/main.tf', join(dir, 'main.tf'));
    expect(out.drafts.map((d) => d.ruleId).sort()).toEqual(['env/secret-literal', 'iam/service-wildcard-action', 'iam/wildcard-action']);
    // Without the module's files, the same file resolves nothing of them and guesses nothing.
    expect(await ids(text)).toEqual(['rotation/secret-without-rotation']);
  });

  it('reports literal secrets in .tfvars', async () => {
    expect(await ids('db_password = "Sup3r-S3cret-Db-2024"\nregion = "eu-west-1"\n', 'prod.tfvars')).toEqual(['secret/literal-secret-attribute']);
  });
});

describe('Terraform: .tf.json and malformed input', () => {
  it('reads .tf.json like HCL', async () => {
    const json = JSON.stringify({
      variable: { db_password: { default: 'Tf-Db-Passw0rd-2024!' } },
      resource: {
        aws_lambda_function: { f: { function_name: 'f', environment: { variables: { DB_PASSWORD: '${var.db_password}' } } } },
        aws_iam_policy: { p: { policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' } },
      },
    }, null, 2);
    expect(await ids(json, 'main.tf.json')).toEqual(['env/secret-literal', 'iam/wildcard-action', 'kms/lambda-env-without-cmk', 'secret/literal-default', 'secret/sensitive-not-marked']);
  });

  it.each<[string, string]>([
    ['unclosed block', 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n'],
    ['garbage', 'resource "a" "b" {\n  x = = 1\n}\n'],
  ])('reports %s as a notification with a position and keeps what parsed', async (_n, text) => {
    const out = await scan(text);
    expect(out.notifications.length).toBeGreaterThan(0);
    expect(out.notifications[0]).toMatchObject({ kind: 'parse-error', path: 'main.tf' });
    expect(out.notifications[0]?.line).toBeGreaterThan(0);
  });

  it('never quotes the source text in a parse notification (it could be a secret)', async () => {
    const out = await scan('resource "a" "b" {\n  x = = "AKIAHUGO274PAFHSG4A7"\n  ] "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY" [\n}\n');
    expect(out.notifications.length).toBeGreaterThan(0);
    for (const n of out.notifications) expect(n.message).not.toMatch(/AKIA|wJalr/);
  });

  it('reports malformed .tf.json with its position', async () => {
    const out = await scan('{\n  "resource": {\n    "x": [1,,]\n  }\n}\n', 'main.tf.json');
    expect(out.notifications[0]).toMatchObject({ kind: 'parse-error', line: 3 });
  });

  it('bounds deep JSON nesting', () => {
    expect(() => parseJson('['.repeat(1000) + ']'.repeat(1000))).toThrow(/nesting/);
  });
});
