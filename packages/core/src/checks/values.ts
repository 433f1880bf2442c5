/**
 * What a literal written in an infrastructure file is: a reference to a secret store (the good
 * pattern), a value resolved at deploy time, or a literal that may be a secret.
 */
import type { EnvValue } from '../facts.js';
import { isReferenceName } from '../env/names.js';
import { isPlaceholder } from '../secrets/placeholders.js';
import { isPublishedSample } from '../secrets/public-samples.js';

// `{{resolve:secretsmanager:${Param}::password}}`: a `${}` inside is part of the reference.
const RESOLVE = /^\{\{resolve:(secretsmanager|ssm-secure|ssm):(?:(?!\}\}).)+\}\}$/s;
/** A dynamic reference to a secret anywhere in a value (`Prefix-{{resolve:ssm-secure:p:1}}`). */
const EMBEDDED_SECRET_REFERENCE = /\{\{resolve:(?:secretsmanager|ssm-secure):/;
const SECRETS_MANAGER_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]*:\d{12}:secret:.+/;
const SSM_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]*:\d{12}:parameter\/.+/;
const ANY_ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:/;
const KEY_VAULT = /^@Microsoft\.KeyVault\(.+\)$/;
const GCP_SECRET = /^projects\/[^/\s]+\/secrets\/[^/\s]+(\/versions\/[^/\s]+)?$/;
/** Berglas references (`berglas://bucket/object`, `sm://project/secret[#version]`), resolved by the berglas exec wrapper at start-up. */
const BERGLAS = /^berglas:\/\/[a-z0-9][a-z0-9._-]*\/[^\s]+$/;
const BERGLAS_SM = /^sm:\/\/[a-z][a-z0-9-]*\/[A-Za-z0-9_-]+(#[A-Za-z0-9]+)?$/;
/** Azure VM extensions: `privateSettingsRef:AdminPassword` names a value of the extension's protected settings. */
const PROTECTED_SETTING_REF = /^privateSettingsRef:[A-Za-z_][\w.]*$/;
/** `/orders/prod/db-password`: an SSM parameter path (two segments or more, no spaces). */
const SSM_PATH = /^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/;

/** Classifies a literal value written in a file (an environment value, an attribute). */
export function classifyLiteral(text: string): EnvValue {
  const t = text.trim();
  const resolve = RESOLVE.exec(t);
  if (resolve) {
    if (resolve[1] === 'secretsmanager') return { kind: 'reference', store: 'secretsmanager', text: t };
    if (resolve[1] === 'ssm-secure') return { kind: 'reference', store: 'ssm', text: t };
    // `{{resolve:ssm:...}}` reads a plain String parameter into the template at deploy time.
    return { kind: 'deploy-time', source: 'cloudformation-resolve-ssm', text: t };
  }
  if (SECRETS_MANAGER_ARN.test(t)) return { kind: 'reference', store: 'secretsmanager', text: t };
  if (SSM_ARN.test(t) || SSM_PATH.test(t)) return { kind: 'reference', store: 'ssm', text: t };
  if (KEY_VAULT.test(t)) return { kind: 'reference', store: 'keyvault', text: t };
  if (GCP_SECRET.test(t) || BERGLAS_SM.test(t)) return { kind: 'reference', store: 'gcp-secret-manager', text: t };
  if (BERGLAS.test(t)) return { kind: 'reference', store: 'other', text: t };
  if (ANY_ARN.test(t) || PROTECTED_SETTING_REF.test(t)) return { kind: 'reference', store: 'other', text: t };
  return { kind: 'literal', text };
}

/**
 * True when a literal could be a secret value: not empty, not a placeholder, not a boolean, a
 * number or a reference. Used only with secret-like names; the catalog judges values on their own.
 */
export function isSecretCandidate(text: string): boolean {
  const t = text.trim();
  if (t.length < 6) return false;
  if (EMBEDDED_SECRET_REFERENCE.test(t)) return false;
  // Type names copied from AWS docs' property tables (`OAuthToken: String`), template types.
  if (/^(?:String|Number|Integer|Boolean|Json|Map|Object|Array|List<[\w:<>]+>|CommaDelimitedList|AWS::[\w:<>]+)$/.test(t)) return false;
  // A Terraform reference written as a string (`"var.db_password"`, `"aws_secretsmanager_secret.db.arn"`).
  if (/^(?:var|local|module|data)\.[\w.[\]-]+$/.test(t) || /^aws_[a-z0-9_]+\.[\w-]+\.[\w.]+$/.test(t)) return false;
  // JSONPath and mapping templates (`$.body.token`, `$input.path('$.token')`, a Step Functions
  // context path `$$.Task.Token`), KMS aliases.
  if (/^\$\$?[.[]/.test(t) || /^\$input\./.test(t) || /^alias\/[\w/-]+$/.test(t)) return false;
  if (/^(true|false|yes|no|on|off|enabled|disabled|none|null|nil|required|optional)$/i.test(t)) return false;
  if (/^-?\d+(\.\d+)?$/.test(t)) return false;
  // API Gateway selection expressions and mapping variables: `$request.header.x-api-key`, `$context.authorizer.token`.
  if (/^\$(?:request|context|stageVariables|input|util|method)\.[\w.-]+$/.test(t)) return false;
  // Enumerated settings: AWS_IAM, NONE, SIGN_VERIFY, RSA_2048, COGNITO_USER_POOLS.
  if (/^[A-Z]+(_[A-Z0-9]+)*$/.test(t) && (t.includes('_') || t.length <= 10)) return false;
  if (isPlaceholder(t) || isConstantName(t) || isPublishedSample(t)) return false;
  return classifyLiteral(t).kind === 'literal';
}

/**
 * `AZURE-SQL-CONNECTION-STRING`, `DB_PASSWORD_KEY`: upper-case words joined by `-` or `_`, each with a
 * letter. Such a value names something (a Key Vault secret, a setting); a generated secret mixes cases.
 */
export function isConstantName(text: string): boolean {
  const t = text.trim();
  return /^[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+$/.test(t) && t.split(/[-_]/).every((w) => /[A-Z]/.test(w));
}

/**
 * Attribute names that describe a secret setting rather than hold one
 * (`customer_master_key_spec`, `password_policy`, `secret_rotation_days`), on top of the env
 * judge's reference suffixes.
 */
export const SETTING_SUFFIXES: string[][] = [
  ['spec'], ['usage'], ['policy'], ['algorithm'], ['mode'], ['version'], ['format'], ['rotation'], ['period'],
  ['days'], ['status'], ['method'], ['source'], ['config'], ['configuration'], ['strategy'], ['level'], ['kind'],
  ['template'], ['validity'], ['units'], ['characters'], ['prefix'], ['suffix'], ['pattern'], ['regex'], ['field'],
  ['memory'], ['size'], ['runtime'], ['handler'], ['schedule'], ['interval'], ['window'], ['retention'], ['role'],
  ['function'], ['lambda'], ['arns'], ['ids'], ['names'], ['bucket'], ['queue'], ['topic'], ['table'],
  // token lifetimes and OIDC settings (`access_token_lifetime: 600s`, `id_token_audience: https://...`)
  ['lifetime'], ['audience'], ['duration'], ['expiry'], ['expiration'], ['scope'], ['scopes'], ['ttl'],
];

/**
 * A property whose value is a setting, not a secret (`TokenValidityUnits`, `PasswordPolicy`), so
 * the walk for literal secrets does not enter it. A `*Configuration` / `*Config` map is a container
 * (`SourceConfiguration: {OAuthToken: ...}`, `AuthenticationConfiguration: {ClientSecret: ...}`)
 * and is entered like any other.
 */
export function isSettingProperty(key: string, valueIsMap: boolean): boolean {
  if (valueIsMap && /Config(?:uration)?$/i.test(key)) return false;
  return isReferenceName(key, SETTING_SUFFIXES);
}
