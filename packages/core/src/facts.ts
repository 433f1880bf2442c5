/**
 * Facts, not formats: what every infrastructure scanner (Terraform, CloudFormation/SAM,
 * serverless.yml) and the ESLint plugin extract, so each check judges one shape once.
 * Regions point at the offending attribute, not the enclosing block.
 */
import type { Region } from './finding.js';

/** A value with the exact place it was written. */
export interface Positioned<T> {
  value: T;
  region: Region;
}

/** One IAM policy statement. Lists are absent when the key is absent; `unresolved` when not literal. */
export interface PolicyStatementFact {
  /** Where it came from, stable across edits: `aws_iam_policy.admin/statement[0]`, `Resources.Role.Policies[0]/Statement[1]`. */
  source: string;
  /** The statement as a whole (used when a finding has no better attribute to point at). */
  region: Region;
  effect?: Positioned<string>;
  actions?: Positioned<string>[];
  notActions?: Positioned<string>[];
  resources?: Positioned<string>[];
  notResources?: Positioned<string>[];
  /** Principals as written: `*`, `arn:aws:iam::123:root`, `{"AWS":"*"}` flattened to `*`. */
  principals?: Positioned<string>[];
  notPrincipals?: Positioned<string>[];
  /** True when the statement has a non-empty Condition. */
  hasCondition: boolean;
  /**
   * The Condition's tests (`StringEquals` / `aws:SourceArn` / its literal values), when the scanner
   * could read its shape: only tests that restrict who calls exempt `Principal: "*"`. Absent: any
   * Condition exempts it. `values` is absent when some value is not a literal.
   */
  conditions?: ConditionTestFact[];
  /** True when some part could not be resolved to a literal (never guessed into a finding). */
  unresolved?: boolean;
  /**
   * Set on resource policies (attached to one resource: a key, a secret, a bucket, a topic...),
   * whose `Resource: "*"` means that resource itself: the service of that resource (`kms`, `sns`).
   */
  resourcePolicyOf?: string;
}

export interface ConditionTestFact {
  operator: string;
  key: string;
  values?: string[];
}

/** A managed policy attached to a role, user or group (for `AdministratorAccess`). */
export interface ManagedPolicyAttachmentFact {
  source: string;
  policyArn: Positioned<string>;
}

export type EnvValue =
  | { kind: 'literal'; text: string }
  /** A reference to a secret store: an ARN, a name, `{{resolve:...}}`, `@Microsoft.KeyVault(...)`, a GCP secret version. */
  | { kind: 'reference'; store: 'secretsmanager' | 'ssm' | 'keyvault' | 'gcp-secret-manager' | 'noecho-parameter' | 'sensitive-variable' | 'other'; text?: string }
  /** Resolved at deploy time into plaintext configuration (serverless `${ssm:...}`, CFN `Ref` to a non-NoEcho parameter). */
  | { kind: 'deploy-time'; source: string; text?: string }
  | { kind: 'unresolved'; text?: string };

export type FunctionPlatform = 'aws-lambda' | 'aws-ecs' | 'aws-apprunner' | 'azure-functions' | 'gcp-cloud-functions' | 'gcp-cloud-run' | 'kubernetes' | 'docker-compose';

/** A variable in a function's environment. */
export interface EnvVarFact {
  platform: FunctionPlatform;
  /** The function's logical name or resource address. */
  functionName: string;
  name: Positioned<string>;
  value: EnvValue;
  valueRegion: Region;
}

/** A secret store: Secrets Manager secret, SSM parameter, Key Vault secret, GCP secret. */
export interface SecretStoreFact {
  kind: 'aws-secretsmanager' | 'aws-ssm-parameter' | 'azure-keyvault-secret' | 'gcp-secret';
  source: string;
  region: Region;
  /** Rotation configured (schedule, rotation resource, expiry for Key Vault). */
  rotation: boolean | 'unknown';
  /** Customer-managed key configured. */
  customerManagedKey: boolean | 'unknown';
  /** SSM only: `String`, `StringList` or `SecureString`. */
  parameterType?: Positioned<string>;
  /** Secret-like by its name. */
  secretLike: boolean;
  /** The attribute to point at when rotation is explicitly off (Key Vault: an expiry in the past is not judged). */
  rotationRegion?: Region;
  /** The attribute that set the key when it is the AWS-managed one (`kms_key_id = "alias/aws/secretsmanager"`). */
  keyRegion?: Region;
  /** SSM parameter: true when its value is a literal in the file. */
  literalValue?: boolean;
}

export interface KmsKeyFact {
  source: string;
  region: Region;
  rotation: boolean | 'unknown';
  /** The attribute to point at when rotation is explicitly off. */
  rotationRegion?: Region;
}

/** A function (Lambda, Azure Function app, Cloud Function, Cloud Run service) and how its environment is encrypted. */
export interface FunctionFact {
  platform: FunctionPlatform;
  functionName: string;
  /** The resource / function name to point at when an attribute is missing. */
  region: Region;
  /** A customer-managed key encrypts the environment (`kms_key_arn`, `KmsKeyArn`, `kmsKeyArn`). */
  kmsKey: boolean | 'unknown';
}

/** A template parameter, Terraform variable or output: can it carry a secret, is it masked, what is its default. */
export interface InputFact {
  kind: 'cfn-parameter' | 'tf-variable' | 'tf-output' | 'bicep-parameter' | 'arm-parameter';
  source: string;
  name: Positioned<string>;
  /** NoEcho / `sensitive = true`; `unknown` when written but not resolvable. */
  masked: boolean | 'unknown';
  /** A literal default value (variables and parameters). */
  defaultValue?: Positioned<string>;
}

/** A literal written under a secret-like attribute outside an environment: `provider "aws" { secret_key = "..." }`, `MasterUserPassword: ...`. */
export interface SecretAttributeFact {
  source: string;
  name: Positioned<string>;
  /** The value as the service reads it (decoded, when `encoding` says it is written encoded). */
  value: Positioned<string>;
  /** Written base64-encoded (a Kubernetes Secret's `data:`): `value` is the decoded text, its region the encoded one. */
  encoding?: 'base64';
}

/**
 * A base64 value a service decodes before use (EC2 `UserData`, `user_data_base64`): decoded
 * (bounded) and run through the secret catalog; a finding points at the encoded value.
 */
export interface EncodedPayloadFact {
  /** The attribute, for messages: `Resources.Web.Properties.UserData`, `aws_instance.web.user_data_base64`. */
  source: string;
  value: Positioned<string>;
}

/** Everything one file yielded, judged at once by `judgeFacts`. */
export interface FactSet {
  statements: PolicyStatementFact[];
  attachments: ManagedPolicyAttachmentFact[];
  envVars: EnvVarFact[];
  functions: FunctionFact[];
  stores: SecretStoreFact[];
  kmsKeys: KmsKeyFact[];
  inputs: InputFact[];
  secretAttributes: SecretAttributeFact[];
  encodedPayloads: EncodedPayloadFact[];
}

export function emptyFactSet(): FactSet {
  return { statements: [], attachments: [], envVars: [], functions: [], stores: [], kmsKeys: [], inputs: [], secretAttributes: [], encodedPayloads: [] };
}
