/**
 * Names of environment variables: which look like they hold a secret value, and which hold only a
 * reference to a secret store (the good pattern). Shared by the infrastructure `env/*` checks and
 * the ESLint rules `no-env-secrets` / `no-secret-logging`.
 */

/** Words that make a name secret-like when they are a whole word of it. */
export const SECRET_WORDS = [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials',
  'creds', 'privatekey', 'accesskey', 'secretkey', 'clientsecret', 'auth', 'authorization', 'bearer', 'jwt',
  'signingkey', 'encryptionkey', 'masterkey', 'connectionstring', 'connstr', 'dsn', 'sessionkey', 'cookie',
  'hmac', 'salt', 'webhook', 'pat', 'sas',
];

/** Two-word combinations that are secret-like together (`api_key`, `private_key`, `access_key`...). */
const SECRET_PAIRS: [string, string][] = [
  ['api', 'key'], ['private', 'key'], ['access', 'key'], ['secret', 'key'], ['client', 'secret'], ['signing', 'key'],
  ['encryption', 'key'], ['master', 'key'], ['connection', 'string'], ['conn', 'string'], ['session', 'key'],
  ['account', 'key'], ['shared', 'key'], ['app', 'key'], ['license', 'key'], ['service', 'key'], ['auth', 'key'],
];

/**
 * Suffixes and words that turn a name into a reference: the variable names a secret in a store,
 * not the secret itself (`DB_PASSWORD_ARN`, `API_KEY_SECRET_ID`, `TOKEN_PARAM_NAME`).
 */
export const REFERENCE_SUFFIXES = [
  ['arn'], ['secret', 'id'], ['secret', 'name'], ['secret', 'arn'], ['secret', 'ref'], ['parameter'], ['parameter', 'name'],
  ['param'], ['param', 'name'], ['ssm', 'name'], ['ssm', 'path'], ['ssm', 'parameter'], ['key', 'id'], ['kms', 'key'], ['vault', 'url'], ['vault', 'uri'],
  ['vault', 'name'], ['secret', 'uri'], ['secret', 'url'], ['secret', 'version'], ['version', 'name'], ['path'], ['ref'],
  ['id'], ['name'], ['file'], ['location'], ['url'], ['uri'], ['endpoint'], ['host'], ['region'], ['header'], ['type'],
  ['length'], ['len'], ['ttl'], ['expiry'], ['expires'], ['expiration'], ['enabled'], ['required'], ['count'], ['timeout'],
  // lists of references: `validCredentialNames`, `SECRET_ARNS`, `tokenIds`
  ['arns'], ['ids'], ['names'], ['paths'], ['urls'], ['uris'], ['types'], ['refs'],
];

/** Splits `DB_PASSWORD`, `dbPassword`, `db-password`, `db.password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function endsWithWords(words: string[], suffix: string[]): boolean {
  if (suffix.length > words.length) return false;
  return suffix.every((w, i) => words[words.length - suffix.length + i] === w);
}

/**
 * `KEY_VAULT_SECRET`, `KeyVaultSecret`, `SECRET_KEY_VAULT`: an Azure Key Vault, or a secret in it,
 * by name: an app setting naming the vault or the secret its code reads. Only `secret` besides
 * the vault's words: `KEY_VAULT_CLIENT_SECRET` is the credential that opens the vault.
 */
function namesKeyVaultItem(words: string[]): boolean {
  const at = words.findIndex((w, i) => w === 'keyvault' || (w === 'key' && words[i + 1] === 'vault'));
  if (at < 0) return false;
  const rest = words.filter((w, i) => !(i >= at && i < at + (words[at] === 'keyvault' ? 1 : 2)) && w !== 'azure');
  return rest.length > 0 && rest.every((w) => w === 'secret' || w === 'secrets');
}

/** True when the name says it holds a reference to a secret, not the secret. */
export function isReferenceName(name: string, extraSuffixes: string[][] = []): boolean {
  const words = nameWords(name);
  if (namesKeyVaultItem(words)) return true;
  return [...REFERENCE_SUFFIXES, ...extraSuffixes].some((s) => endsWithWords(words, s) && words.length > s.length);
}

/**
 * Last words that describe something about a secret, not the secret: `AUTH_MODE`, `authMiddleware`,
 * `PASSWORD_POLICY`, `passwordHash`, `TOKEN_PREFIX`.
 */
export const DESCRIPTIVE_SUFFIXES = [
  'mode', 'method', 'methods', 'scheme', 'strategy', 'strategies', 'status', 'state', 'middleware', 'handler', 'service',
  'provider', 'providers', 'error', 'errors', 'message', 'label', 'placeholder', 'field', 'fields', 'policy', 'rotation',
  'format', 'pattern', 'regex', 'validator', 'schema', 'kind', 'prefix', 'hash', 'hashed', 'digest', 'strength',
  'min', 'max', 'size', 'limit', 'flow', 'guard', 'module', 'router', 'routes', 'page', 'view', 'component',
  // when and whether: `passwordChangedAt`, `TOKEN_CREATED_DATE`, `apiKeyMissing`, `passwordSet`
  'at', 'date', 'time', 'timestamp', 'changed', 'updated', 'created', 'valid', 'invalid', 'missing', 'present',
  'configured', 'exists', 'set', 'hint',
  // how a secret is made or handled: `PASSWORD_ITERATIONS`, `SALT_ROUNDS`, `getTokenOptions`, `jwtSettings`
  'iterations', 'rounds', 'options', 'settings',
  // public parts and rules: `access_key_fingerprint`, `password_reuse_prevention`
  'fingerprint', 'prevention', 'validity',
];

/** First words that make a name a flag or a count: `hasPassword`, `isTokenValid`, `ENABLE_AUTH`, `maxTokens`. */
export const DESCRIPTIVE_PREFIXES = [
  'is', 'has', 'should', 'can', 'show', 'hide', 'use', 'enable', 'enabled', 'disable', 'disabled', 'require', 'requires',
  'needs', 'allow', 'no', 'num', 'max', 'min', 'validate', 'verify', 'check',
  // switches: `create_access_key`, `manageMasterUserPassword`, `generateSecret`, `rotateMasterUserPassword`
  'create', 'manage', 'generate', 'rotate',
];

/**
 * Words before `token` that name something that is not a credential: pagination (`NextToken`,
 * `continuationToken`), idempotency (`ClientRequestToken`), cancellation, lexer tokens.
 */
export const BENIGN_TOKEN_QUALIFIERS = [
  'next', 'continuation', 'pagination', 'page', 'paging', 'cancellation', 'cancel', 'request', 'idempotency', 'sync',
  'lexer', 'syntax', 'design', 'start', 'end', 'last', 'prev', 'previous', 'eof', 'marker', 'resume', 'delta',
  // AWS idempotency and change tokens (`ClientToken`, WAF `ChangeToken`, `LifecycleActionToken`), parser state
  'client', 'change', 'action', 'significant',
  // Azure Developer CLI templates: `resourceToken = uniqueString(...)` makes resource names unique
  'resource',
  // CloudFormation custom resources' `ServiceToken` (a Lambda or SNS ARN), EFS `creation_token`
  'service', 'creation',
];

/** True when the name describes a secret (a flag, a count, a mode, a pagination token) rather than holding one. */
export function isDescriptiveName(name: string): boolean {
  const words = nameWords(name);
  if (words.length < 2) return false;
  if (DESCRIPTIVE_SUFFIXES.includes(words[words.length - 1]!)) return true;
  if (DESCRIPTIVE_PREFIXES.includes(words[0]!)) return true;
  // Ciphertext is what should be stored and shown: `ENCRYPTED_DB_PASSWORD`, `access_key_encrypted_secret`.
  if (words.includes('encrypted') || words.includes('ciphertext')) return true;
  // A secret word followed by a describing word describes it: `iam_account_password_policy_expire_passwords`,
  // `refreshTokenRotationGracePeriod`.
  if (words.some((w, i) => i + 1 < words.length && SECRET_WORDS.includes(w) && DESCRIPTIVE_SUFFIXES.includes(words[i + 1]!))) return true;
  // `nextToken`, `ClientRequestToken`: every secret word of the name is a qualified `token`.
  const secretIdx = words.map((w, i) => (SECRET_WORDS.includes(w) ? i : -1)).filter((i) => i >= 0);
  return (
    secretIdx.length > 0 &&
    secretIdx.every((i) => words[i] === 'token' && i > 0 && BENIGN_TOKEN_QUALIFIERS.includes(words[i - 1]!))
  );
}

/**
 * Names that read like secrets but that an SDK documents as a setting: Azure Identity's
 * `AZURE_TOKEN_CREDENTIALS` picks the credential `DefaultAzureCredential` uses (`dev`, `prod`, or
 * one credential's name). Words joined by `_`.
 */
export const KNOWN_SETTINGS = ['azure_token_credentials'];

/** True when the name says it holds a secret value (and is not a reference name). */
export function isSecretLikeName(name: string, options: { extraWords?: string[]; referenceSuffixes?: string[][] } = {}): boolean {
  const words = nameWords(name);
  if (words.length === 0 || isReferenceName(name, options.referenceSuffixes)) return false;
  if (KNOWN_SETTINGS.includes(words.join('_'))) return false;
  if (isDescriptiveName(name)) return false;
  const single = new Set([...SECRET_WORDS, ...(options.extraWords ?? [])]);
  // `pass` is a secret only as the last word (`DB_PASS`, `mongoPass`), not in `passThrough` / `$passData`.
  if (words.some((w, i) => single.has(w) && (w !== 'pass' || i === words.length - 1))) return true;
  for (let i = 0; i + 1 < words.length; i++) {
    if (SECRET_PAIRS.some(([a, b]) => words[i] === a && words[i + 1] === b)) return true;
  }
  // camelCase glued forms: `apikey`, `secretkey` as one word are in SECRET_WORDS; `dbpassword` is not split.
  return words.some((w) => /(password|passwd|secret|token|apikey)$/.test(w) && w.length > 6);
}
