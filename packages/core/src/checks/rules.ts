/** Rule metadata of the infrastructure checks judged on facts: `env/*`, `rotation/*`, `kms/*`, and `secret/*` on inputs. */
import { DOCS_BASE } from '../docs.js';
import type { RuleMeta } from '../rule-meta.js';

export const CHECK_RULE_IDS = {
  envSecretLiteral: 'env/secret-literal',
  envDeployTime: 'env/deploy-time-secret',
  secretWithoutRotation: 'rotation/secret-without-rotation',
  kmsKeyWithoutRotation: 'rotation/kms-key-without-rotation',
  keyVaultSecretWithoutExpiry: 'rotation/keyvault-secret-without-expiry',
  secretWithoutCmk: 'kms/secret-without-cmk',
  ssmSecretAsString: 'kms/ssm-secret-as-string',
  lambdaEnvWithoutCmk: 'kms/lambda-env-without-cmk',
  sensitiveNotMarked: 'secret/sensitive-not-marked',
  literalDefault: 'secret/literal-default',
  literalSecretAttribute: 'secret/literal-secret-attribute',
} as const;

const docs = (id: string): string => `${DOCS_BASE}/docs/rules/${id.replace('/', '-')}.md`;

/** A check's metadata: the `security` tag and the link to its page under docs/rules/. */
export function meta(m: Omit<RuleMeta, 'helpUri' | 'tags'> & { tags: string[] }): RuleMeta {
  return { ...m, tags: ['security', ...m.tags], helpUri: docs(m.id) };
}

const REFERENCE_PATTERN = `- **AWS**: store the value in Secrets Manager (or SSM Parameter Store as \`SecureString\`); put only its ARN or name in the environment (\`DB_PASSWORD_SECRET_ARN\`) and fetch it at run time with the SDK or the Parameters and Secrets Lambda extension, caching it in memory. In CloudFormation, \`{{resolve:secretsmanager:...}}\` keeps the value out of the template.
- **Azure**: put the secret in Key Vault and reference it from the app setting: \`@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/)\`, with the Function App's managed identity allowed to read it.
- **Google Cloud**: put the secret in Secret Manager and expose it with \`secret_environment_variables\` (Cloud Functions) or \`value_source.secret_key_ref\` (Cloud Run), or read \`projects/<p>/secrets/<name>/versions/latest\` at run time.`;

export const CHECK_RULES: RuleMeta[] = [
  meta({
    id: CHECK_RULE_IDS.envSecretLiteral,
    title: 'Secret in a function environment variable',
    shortDescription: 'A secret-like environment variable of a function holds a literal value.',
    fullDescription: 'A function environment variable whose name says it holds a secret (DB_PASSWORD, API_KEY, ...) is set to a literal: the secret is in the repository and in plaintext function configuration, readable by anyone with read access to either.',
    helpMarkdown: `Environment variables are stored with the function's configuration and shown by consoles, \`GetFunctionConfiguration\`, deployment logs and crash dumps; the literal is also in git history. Rotate the value, then:

${REFERENCE_PATTERN}`,
    severity: 'high',
    precision: 'high',
    tags: ['env', 'secret', 'external/cwe/cwe-798', 'external/cwe/cwe-312'],
  }),
  meta({
    id: CHECK_RULE_IDS.envDeployTime,
    title: 'Secret resolved into a function environment at deploy time',
    shortDescription: 'A secret-like environment variable is filled at deploy time (serverless `${ssm:...}`, a CloudFormation parameter without NoEcho).',
    fullDescription: 'The value is not in the repository, but the deployment copies it into plaintext function configuration (serverless ${ssm:...}, Ref to a parameter without NoEcho, a non-sensitive Terraform variable), where it is visible to anyone who can read the configuration and does not follow rotation.',
    helpMarkdown: `Deploy-time resolution copies the secret into the function's configuration, where \`GetFunctionConfiguration\` and the console show it, and a rotation of the secret is not seen until the next deployment.

**Fix**: pass the parameter's *name* and fetch the value at run time:
\`\`\`yaml
environment:
  STRIPE_KEY_PARAM_NAME: /orders/prod/stripe-secret-key   # instead of \${ssm:/orders/prod/stripe-secret-key}
\`\`\`
${REFERENCE_PATTERN}`,
    severity: 'medium',
    precision: 'high',
    tags: ['env', 'secret', 'external/cwe/cwe-312'],
  }),
  meta({
    id: CHECK_RULE_IDS.secretWithoutRotation,
    title: 'Secret without rotation',
    shortDescription: 'A Secrets Manager secret has no rotation configured.',
    fullDescription: 'A Secrets Manager secret without a rotation schedule (aws_secretsmanager_secret_rotation, AWS::SecretsManager::RotationSchedule) keeps the same value forever: a leaked copy stays valid.',
    helpMarkdown: `Rotation bounds how long a leaked value works.

**Fix**
- **AWS**: add \`aws_secretsmanager_secret_rotation\` (Terraform) or \`AWS::SecretsManager::RotationSchedule\` (CloudFormation) with a rotation Lambda and \`automatically_after_days\` / \`ScheduleExpression\`.
- **Azure**: set a rotation policy on the Key Vault secret (Event Grid \`SecretNearExpiry\` + a rotation function) and an expiry date.
- **Google Cloud**: set \`rotation { rotation_period, next_rotation_time }\` and a Pub/Sub topic on \`google_secret_manager_secret\`.`,
    severity: 'medium',
    precision: 'high',
    tags: ['rotation', 'secret-store'],
  }),
  meta({
    id: CHECK_RULE_IDS.kmsKeyWithoutRotation,
    title: 'KMS key without automatic rotation',
    shortDescription: 'A symmetric customer-managed KMS key does not enable automatic key rotation.',
    fullDescription: 'A symmetric KMS key without enable_key_rotation / EnableKeyRotation keeps the same key material forever. Asymmetric and HMAC keys, which cannot rotate, are not reported.',
    helpMarkdown: `**Fix**
- **AWS**: \`enable_key_rotation = true\` (Terraform) or \`EnableKeyRotation: true\` (CloudFormation); optionally \`rotation_period_in_days\`.
- **Azure**: add a \`rotation_policy\` to \`azurerm_key_vault_key\`.
- **Google Cloud**: set \`rotation_period\` on \`google_kms_crypto_key\`.`,
    severity: 'medium',
    precision: 'very-high',
    tags: ['rotation', 'kms', 'external/cwe/cwe-320'],
  }),
  meta({
    id: CHECK_RULE_IDS.keyVaultSecretWithoutExpiry,
    title: 'Key Vault secret without expiry',
    shortDescription: 'An Azure Key Vault secret has no expiration date.',
    fullDescription: 'A Key Vault secret without expiration_date never expires, so nothing forces its rotation and a leaked copy stays valid.',
    helpMarkdown: `**Fix**
- **Azure**: set \`expiration_date\` on \`azurerm_key_vault_secret\` and rotate before it (Event Grid \`SecretNearExpiry\`).
- **AWS**: the equivalent is a Secrets Manager rotation schedule.
- **Google Cloud**: the equivalent is \`rotation\` or \`expire_time\` on \`google_secret_manager_secret\`.`,
    severity: 'low',
    precision: 'very-high',
    tags: ['rotation', 'secret-store'],
  }),
  meta({
    id: CHECK_RULE_IDS.secretWithoutCmk,
    title: 'Secret encrypted with the AWS-managed key',
    shortDescription: 'A Secrets Manager secret has no customer-managed KMS key.',
    fullDescription: 'Without kms_key_id / KmsKeyId a secret is encrypted with aws/secretsmanager, whose key policy cannot be restricted: anyone with secretsmanager:GetSecretValue in the account can read it, and cross-account access is impossible to control by key.',
    helpMarkdown: `**Fix**
- **AWS**: create a customer-managed key with rotation and set \`kms_key_id\` (Terraform) or \`KmsKeyId\` (CloudFormation); grant \`kms:Decrypt\` only to the roles that read the secret.
- **Azure**: use a Key Vault with customer-managed keys (Premium, HSM-backed) where required.
- **Google Cloud**: set \`customer_managed_encryption { kms_key_name }\` in the secret's replication.`,
    severity: 'low',
    precision: 'very-high',
    tags: ['kms', 'secret-store', 'external/cwe/cwe-311'],
  }),
  meta({
    id: CHECK_RULE_IDS.ssmSecretAsString,
    title: 'Secret stored as a plain SSM String parameter',
    shortDescription: 'An SSM parameter with a secret-like name is a `String` or `StringList`, not a `SecureString`.',
    fullDescription: 'String parameters are stored unencrypted and shown in the console, in GetParameter responses without --with-decryption, and in CloudFormation/Terraform state.',
    helpMarkdown: `**Fix**
- **AWS**: \`type = "SecureString"\` (with \`key_id\` for a customer-managed key), or move the value to Secrets Manager. CloudFormation cannot create SecureString parameters: create them outside the template (or use Secrets Manager) and reference them with \`{{resolve:ssm-secure:...}}\`.
- **Azure**: use a Key Vault secret, not an App Configuration plain value.
- **Google Cloud**: use Secret Manager, not a plain runtime config value.`,
    severity: 'high',
    precision: 'high',
    tags: ['kms', 'secret-store', 'external/cwe/cwe-312'],
  }),
  meta({
    id: CHECK_RULE_IDS.lambdaEnvWithoutCmk,
    title: 'Function environment with secrets not encrypted by a customer-managed key',
    shortDescription: 'A Lambda function whose environment holds secret values has no kms_key_arn / KmsKeyArn / kmsKeyArn.',
    fullDescription: 'Lambda encrypts environment variables with the AWS-managed key, which anyone allowed to read the function configuration can use. When the environment carries secret values, a customer-managed key restricts who can decrypt them.',
    helpMarkdown: `The better fix is to keep secrets out of the environment altogether (see \`env/secret-literal\`). Until then:

**Fix**
- **AWS**: set \`kms_key_arn\` (Terraform), \`KmsKeyArn\` (CloudFormation/SAM) or \`provider.kmsKeyArn\` / \`functions.<f>.kmsKeyArn\` (serverless) to a customer-managed key, and grant \`kms:Decrypt\` to the function's role only.
- **Azure**: reference Key Vault from app settings instead of storing values.
- **Google Cloud**: use Secret Manager references; set \`kms_key_name\` for CMEK where required.`,
    severity: 'low',
    precision: 'high',
    tags: ['kms', 'env', 'external/cwe/cwe-311'],
  }),
  meta({
    id: CHECK_RULE_IDS.sensitiveNotMarked,
    title: 'Secret-like input or output not marked sensitive',
    shortDescription: 'A secret-like Terraform variable or output lacks `sensitive = true`, or a CloudFormation parameter lacks `NoEcho: true`.',
    fullDescription: 'Without sensitive / NoEcho the value is printed in plan and apply output, CI logs, the console and describe-stacks responses.',
    helpMarkdown: `**Fix**
- **Terraform** (any cloud): \`sensitive = true\` on the variable and on outputs that expose it.
- **AWS CloudFormation**: \`NoEcho: true\` on the parameter, or better a dynamic reference \`{{resolve:secretsmanager:...}}\` instead of a parameter.
- **Azure Bicep/ARM**: \`@secure()\` / \`securestring\`.
- **Google Cloud Deployment Manager**: keep secrets out of properties; use Secret Manager.`,
    severity: 'medium',
    precision: 'high',
    tags: ['secret', 'external/cwe/cwe-532'],
  }),
  meta({
    id: CHECK_RULE_IDS.literalDefault,
    title: 'Secret-like variable or parameter with a literal default',
    shortDescription: 'A secret-like Terraform variable or CloudFormation parameter has a literal default value.',
    fullDescription: 'The default is the secret, committed with the template: everyone who can read the repository has it, and deployments that forget to override it use it.',
    helpMarkdown: `Rotate the value, remove the default, and pass it at deploy time from a secret store or, better, reference the store directly.

${REFERENCE_PATTERN}`,
    severity: 'high',
    precision: 'high',
    tags: ['secret', 'external/cwe/cwe-798'],
  }),
  meta({
    id: CHECK_RULE_IDS.literalSecretAttribute,
    title: 'Literal secret in an infrastructure attribute',
    shortDescription: 'A secret-like attribute (provider credentials, a database master password) is set to a literal.',
    fullDescription: 'Provider credentials (access_key, secret_key, client_secret), database passwords (master_password, MasterUserPassword, administrator_login_password) and similar attributes written as literals are committed with the code and stored in state.',
    helpMarkdown: `Rotate the value, then:
- **Provider credentials**: remove them; use the environment, a profile, OIDC federation from CI (\`aws-actions/configure-aws-credentials\`, Azure workload identity federation, GCP Workload Identity Federation).
- **AWS** passwords: \`manage_master_user_password = true\` (RDS, Secrets Manager-managed), or \`{{resolve:secretsmanager:...}}\` in CloudFormation.
- **Azure**: generate and keep the value in Key Vault (\`azurerm_key_vault_secret\`), reference it.
- **Google Cloud**: \`google_secret_manager_secret_version\` data sources instead of literals.`,
    severity: 'high',
    precision: 'high',
    tags: ['secret', 'external/cwe/cwe-798'],
  }),
];
