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
  /** True when some part could not be resolved to a literal (never guessed into a finding). */
  unresolved?: boolean;
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

export type FunctionPlatform = 'aws-lambda' | 'azure-functions' | 'gcp-cloud-functions' | 'gcp-cloud-run';

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
}

export interface KmsKeyFact {
  source: string;
  region: Region;
  rotation: boolean | 'unknown';
  /** The attribute to point at when rotation is explicitly off. */
  rotationRegion?: Region;
}
