/**
 * The infrastructure checks, judged once on facts whatever format they came from: function
 * environments (`env/*`), secret stores and keys (`rotation/*`, `kms/*`), inputs and literal
 * attributes (`secret/*`), and IAM statements through the IAM judge.
 */
import type { FindingDraft } from '../build-findings.js';
import { lineStarts } from '../source-lines.js';
import { isSecretLikeName } from '../env/names.js';
import type {
  EnvVarFact,
  FactSet,
  FunctionFact,
  InputFact,
  KmsKeyFact,
  SecretAttributeFact,
  SecretStoreFact,
} from '../facts.js';
import { judgeManagedPolicyAttachment, judgePolicyStatement, type IamIssue } from '../iam/judge.js';
import { IAM_RULES } from '../iam/rules.js';
import type { RuleMeta } from '../rule-meta.js';
import { CHECK_RULE_IDS, CHECK_RULES } from './rules.js';
import { classifyLiteral, isConstantName, isSecretCandidate, SETTING_SUFFIXES } from './values.js';

export { CHECK_RULES, CHECK_RULE_IDS };
export { classifyLiteral, isConstantName, isSecretCandidate, isSettingProperty, SETTING_SUFFIXES } from './values.js';

/** Every rule the infrastructure scanners report besides the secret catalog. */
export const INFRA_RULES: RuleMeta[] = [...IAM_RULES, ...CHECK_RULES];

/** An IAM issue or a check result; `secret` holds the value in clear for `buildFindings` to hash and mask. */
export interface CheckIssue extends IamIssue {
  secret?: string;
}

const PLATFORM_NAMES: Record<EnvVarFact['platform'], string> = {
  'aws-lambda': 'Lambda function',
  'aws-ecs': 'ECS task definition',
  'aws-apprunner': 'App Runner service',
  'azure-functions': 'Azure Function app',
  'gcp-cloud-functions': 'Cloud Function',
  'gcp-cloud-run': 'Cloud Run service',
  kubernetes: 'Kubernetes workload',
  'docker-compose': 'Compose service',
};

/** `Lambda function Api`: the function or workload a variable belongs to, for messages. */
export function envHolder(fact: EnvVarFact): string {
  return `${PLATFORM_NAMES[fact.platform]} ${fact.functionName}`;
}

/** `env/*`: a secret-like variable with a literal or deploy-time value. References and unresolved values pass. */
export function judgeEnvVar(fact: EnvVarFact): CheckIssue[] {
  const name = fact.name.value;
  if (!isSecretLikeName(name)) return [];
  const where = envHolder(fact);
  const subject = `${fact.functionName.split(', ')[0]}/env/${name}`;
  const v = fact.value;
  if (v.kind === 'literal') {
    if (!isSecretCandidate(v.text)) return [];
    return [{ ruleId: CHECK_RULE_IDS.envSecretLiteral, message: `${name} of ${where} holds a literal secret; keep the secret in a secret store and put only its ARN or name in the environment.`, region: fact.valueRegion, subject, secret: v.text.trim() }];
  }
  if (v.kind === 'deploy-time') {
    return [{ ruleId: CHECK_RULE_IDS.envDeployTime, message: `${name} of ${where} is filled at deploy time (${v.source}) and stored in plaintext configuration; pass the secret's name and fetch it at run time.`, region: fact.valueRegion, subject }];
  }
  return [];
}

/** True when the variable puts a secret value (not a reference to one) into the function configuration. */
function carriesSecretValue(fact: EnvVarFact): boolean {
  if (!isSecretLikeName(fact.name.value)) return false;
  const v = fact.value;
  if (v.kind === 'literal') return isSecretCandidate(v.text);
  if (v.kind === 'deploy-time') return true;
  return v.kind === 'reference' && (v.store === 'noecho-parameter' || v.store === 'sensitive-variable');
}

/** `kms/lambda-env-without-cmk`: a Lambda whose environment carries secret values and no customer-managed key. */
export function judgeFunction(fn: FunctionFact, envVars: EnvVarFact[]): CheckIssue[] {
  if (fn.platform !== 'aws-lambda' || fn.kmsKey !== false) return [];
  const carrying = envVars.filter((e) => e.functionName === fn.functionName && e.platform === fn.platform && carriesSecretValue(e));
  if (carrying.length === 0) return [];
  const names = carrying.map((e) => e.name.value).slice(0, 3).join(', ');
  return [{ ruleId: CHECK_RULE_IDS.lambdaEnvWithoutCmk, message: `Lambda function ${fn.functionName} keeps secret values in its environment (${names}) without a customer-managed KMS key.`, region: fn.region, subject: `${fn.functionName}/kms_key_arn` }];
}

/** `rotation/*` and `kms/*` on secret stores. `unknown` is never a finding. */
export function judgeSecretStore(store: SecretStoreFact): CheckIssue[] {
  const issues: CheckIssue[] = [];
  if ((store.kind === 'aws-secretsmanager' || store.kind === 'gcp-secret') && store.rotation === false) {
    issues.push({ ruleId: CHECK_RULE_IDS.secretWithoutRotation, message: `Secret ${store.source} has no rotation schedule.`, region: store.rotationRegion ?? store.region, subject: `${store.source}/rotation` });
  }
  if (store.kind === 'azure-keyvault-secret' && store.rotation === false) {
    issues.push({ ruleId: CHECK_RULE_IDS.keyVaultSecretWithoutExpiry, message: `Key Vault secret ${store.source} has no expiration date.`, region: store.rotationRegion ?? store.region, subject: `${store.source}/expiration_date` });
  }
  if (store.kind === 'aws-secretsmanager' && store.customerManagedKey === false) {
    issues.push({ ruleId: CHECK_RULE_IDS.secretWithoutCmk, message: `Secret ${store.source} is encrypted with the AWS-managed key aws/secretsmanager; set a customer-managed KMS key.`, region: store.keyRegion ?? store.region, subject: `${store.source}/kms_key_id` });
  }
  if (store.kind === 'aws-ssm-parameter' && store.secretLike && store.parameterType) {
    const type = store.parameterType.value.trim();
    if (type === 'String' || type === 'StringList') {
      issues.push({ ruleId: CHECK_RULE_IDS.ssmSecretAsString, message: `SSM parameter ${store.source} has a secret-like name but type ${type}; use SecureString or Secrets Manager.`, region: store.parameterType.region, subject: `${store.source}/type` });
    }
  }
  return issues;
}

/** `rotation/kms-key-without-rotation`. */
export function judgeKmsKey(key: KmsKeyFact): CheckIssue[] {
  if (key.rotation !== false) return [];
  return [{ ruleId: CHECK_RULE_IDS.kmsKeyWithoutRotation, message: `KMS key ${key.source} does not enable automatic key rotation.`, region: key.rotationRegion ?? key.region, subject: `${key.source}/rotation` }];
}

const INPUT_WORDS: Record<InputFact['kind'], [string, string]> = {
  'cfn-parameter': ['Parameter', 'NoEcho: true'],
  'tf-variable': ['Variable', 'sensitive = true'],
  'tf-output': ['Output', 'sensitive = true'],
  'bicep-parameter': ['Parameter', '@secure()'],
  'arm-parameter': ['Parameter', 'securestring'],
};

/** `secret/sensitive-not-marked` and `secret/literal-default` on variables, outputs and parameters. */
export function judgeInput(input: InputFact): CheckIssue[] {
  const name = input.name.value;
  if (!isSecretLikeName(name, { referenceSuffixes: SETTING_SUFFIXES })) return [];
  const [noun, fix] = INPUT_WORDS[input.kind];
  const issues: CheckIssue[] = [];
  // A default that is itself a reference (an ARN, a parameter path) says the input names a secret.
  // So does an upper-case constant (`connectionStringKey = 'AZURE-SQL-CONNECTION-STRING'`, a Key Vault secret's name).
  const namesASecret = input.defaultValue !== undefined && (classifyLiteral(input.defaultValue.value).kind === 'reference' || isConstantName(input.defaultValue.value));
  // A boolean default makes the input a switch (`OverrideApiAuthValue: {Type: String, Default: true}`), not a secret.
  const isSwitch = input.defaultValue !== undefined && /^(?:true|false)$/i.test(input.defaultValue.value.trim());
  if (input.masked === false && !namesASecret && !isSwitch) {
    issues.push({ ruleId: CHECK_RULE_IDS.sensitiveNotMarked, message: `${noun} ${name} looks like a secret but is not marked ${fix}: its value is shown in logs and consoles.`, region: input.name.region, subject: `${input.source}/sensitive` });
  }
  const d = input.defaultValue;
  if (d && isSecretCandidate(d.value)) {
    issues.push({ ruleId: CHECK_RULE_IDS.literalDefault, message: `${noun} ${name} has a literal default: the secret is committed with the template.`, region: d.region, subject: `${input.source}/default`, secret: d.value.trim() });
  }
  return issues;
}

/** `secret/literal-secret-attribute`. */
export function judgeSecretAttribute(attr: SecretAttributeFact): CheckIssue[] {
  if (!isSecretLikeName(attr.name.value, { referenceSuffixes: SETTING_SUFFIXES }) || !isSecretCandidate(attr.value.value)) return [];
  const decoded = attr.encoding ? ` (written ${attr.encoding}-encoded; judged decoded)` : '';
  return [{ ruleId: CHECK_RULE_IDS.literalSecretAttribute, message: `${attr.name.value} is set to a literal secret in ${attr.source}${decoded}.`, region: attr.value.region, subject: `${attr.source}/${attr.name.value}`, secret: attr.value.value.trim() }];
}

/**
 * One fact per place a value is written: a SAM `Globals` or serverless `provider.environment`
 * variable inherited by several functions is judged once, naming every function that inherits it.
 */
function envWrittenOnce(envVars: EnvVarFact[]): EnvVarFact[] {
  const byPlace = new Map<string, EnvVarFact>();
  for (const e of envVars) {
    const r = e.valueRegion;
    const key = `${e.platform}|${e.name.value}|${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;
    const first = byPlace.get(key);
    if (!first) byPlace.set(key, e);
    else byPlace.set(key, { ...first, functionName: `${first.functionName}, ${e.functionName}` });
  }
  return [...byPlace.values()];
}

/** Every check on every fact of a file. */
export function judgeFacts(facts: FactSet): CheckIssue[] {
  const issues: CheckIssue[] = [];
  for (const s of facts.statements) issues.push(...judgePolicyStatement(s));
  for (const a of facts.attachments) issues.push(...judgeManagedPolicyAttachment(a));
  for (const e of envWrittenOnce(facts.envVars)) issues.push(...judgeEnvVar(e));
  for (const f of facts.functions) issues.push(...judgeFunction(f, facts.envVars));
  for (const s of facts.stores) issues.push(...judgeSecretStore(s));
  for (const k of facts.kmsKeys) issues.push(...judgeKmsKey(k));
  for (const i of facts.inputs) issues.push(...judgeInput(i));
  for (const a of facts.secretAttributes) issues.push(...judgeSecretAttribute(a));
  return issues;
}

/**
 * Check issues as finding drafts. With the file's `text`, a secret that is not written verbatim
 * where the finding points (it was unescaped from `"a\"b"`, or its region is a YAML block) is
 * replaced by the text as written there, so `buildFindings` masks what the line really shows.
 */
export function issuesToDrafts(issues: CheckIssue[], text?: string): FindingDraft[] {
  const starts = text === undefined ? undefined : lineStarts(text);
  return issues.map((i) => {
    const draft: FindingDraft = { ruleId: i.ruleId, message: i.message, region: i.region, subject: i.subject };
    if (i.secret === undefined) return draft;
    if (text === undefined || !starts) {
      draft.secret = i.secret;
      return draft;
    }
    const r = i.region;
    const from = (starts[r.startLine - 1] ?? 0) + r.startColumn - 1;
    const to = (starts[r.endLine - 1] ?? 0) + r.endColumn - 1;
    const written = text.slice(from, Math.max(from, to));
    draft.secret = asWritten(i.secret, written);
    if (r.startLine === r.endLine) draft.region = insideQuotes(r, draft.secret, written);
    return draft;
  });
}

/** The secret as the text at its region writes it (unquoted, escapes kept), when that is where it is written. */
function asWritten(secret: string, written: string): string {
  if (written.includes(secret)) return secret;
  const unquoted = written.trim().replace(/^(["'])([\s\S]*)\1$/, '$2');
  // Written with escapes (`\"`, `\n`, `''`): the same characters once escapes and spacing are dropped.
  const norm = (x: string, escaped: boolean) =>
    (escaped ? x.replace(/\\[nrt]/g, '').replace(/\\(.)/g, '$1').replace(/''/g, "'") : x).replace(/\s+/g, '');
  // Otherwise the value comes from elsewhere (a variable's default): this line does not show it.
  return norm(unquoted, true) === norm(secret, false) ? unquoted : secret;
}

/**
 * A quoted literal's region without its quotes (`written` is the text at the region, on one line):
 * where the secret itself is, as the catalog rule that also knows the value reports it (one place
 * for one secret, not two a column apart).
 */
function insideQuotes(r: FindingDraft['region'], secret: string, written: string): FindingDraft['region'] {
  const quote = written[0];
  if ((quote !== '"' && quote !== "'") || written !== `${quote}${secret}${quote}`) return r;
  return { ...r, startColumn: r.startColumn + 1, endColumn: r.endColumn - 1 };
}
