/** Offline checks of a token's own checksum, named in the catalog's `validate` field. */
import { jwtPartJson } from './jwt-part.js';

export type Validator = (secret: string) => boolean;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(value: number, width: number): string {
  let out = '';
  let v = value;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` and npm's `npm_` tokens: 30 random base62 characters
 * followed by the base62 CRC32 of those characters in 6 characters.
 */
export const crc32Base62Token: Validator = (secret) => {
  const body = secret.replace(/^[a-z]+_/, '');
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
};

/** References to a secret store, variables and templates: the good pattern, never a secret. */
const REFERENCE = /arn:aws|\{\{\s*resolve:|\$\{|\$\(|#\{|%\{|\{\{|@Microsoft\.KeyVault|projects\/[^/]+\/secrets\/|^(?:ssm|secretsmanager|vault|env|keyvault|gcp-secret|op|doppler):|process\.env|os\.environ|getenv|^\$[A-Za-z_]|^%[A-Za-z_]+%$/i;

/** Every index of an access chain is a name, a dotted name, a number or a quoted name: `a[b.C].d`, not `p4ss[w0rd]X9`. */
function isAccessChain(text: string): boolean {
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*|\d+|'[\w.-]*'|"[\w.-]*")\])+$/.test(text);
}

/**
 * One word (capitalised at most) closed by one to three of the symbols password rules ask for. Not
 * `@`: `busybox@` is the e-mail-like password of anonymous FTP, a convention rather than a secret.
 */
const WORD_AND_SYMBOLS = /^[A-Z]?[a-z]{5,}[!#$%^&*]{1,3}$/;

/**
 * A value assigned to a secret-like name, as in `password = "..."`: kept when it looks like a
 * credential, dropped when it is a reference, a name, a path, a URL, an identifier or prose.
 */
export const genericSecretValue: Validator = (secret) => {
  if (REFERENCE.test(secret)) return false;
  if (secret.includes('://')) return false; // an endpoint; credentials in URLs have their own rules
  if (/^[a-z]+(?:[-_./:][a-z0-9]+)*$/.test(secret)) return false; // prod/db/password, db-password, my.secret.name
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(secret)) return false; // DB_PASSWORD (a constant's name)
  if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(secret)) return false; // passwordField (an identifier)
  if (/^[\w.-]+\.(?:json|ya?ml|pem|key|txt|env|ini|cfg|conf|properties|crt|p12|pfx)$/i.test(secret)) return false; // a file name
  if (/^(?:true|false|null|none|nil|undefined|required|optional|string|number|boolean|bearer|basic)$/i.test(secret)) return false;
  if (/[^\x00-\x7f]/.test(secret)) return false; // prose in another language (translations), not a credential
  if (/[A-Za-z_$][\w$]*\(/.test(secret)) return false; // a call: getToken(, sourceCode.getTokenAfter(
  if (/^(?:this|self|config|cfg|options|opts|settings|props|state|ctx|context|req|request|res|response|data|params|args|env)\./.test(secret)) return false;
  // An identifier behind a sigil or in quotes-like punctuation: ?InterpolationInTemplate, #privateToken.
  // A word closed by symbols a password takes (`Prestigitariu$`, `Sommerfeld!`) is a chosen password.
  const core = secret.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (((/^[A-Za-z]+$/.test(core) && core.length < 40) || /^[A-Z]+(?:_[A-Z]+)*$/.test(core)) && !WORD_AND_SYMBOLS.test(secret)) return false;
  if (/^[A-Za-z_$]+(?:\.[A-Za-z_$]+)+$/.test(secret)) return false; // a property path: parser.exportTokens
  // A property path with indexes: StreamDescription.Shards[-1].ShardId (an AWS paginator's output_token)
  if (secret.includes('[') && /^[A-Za-z_$]+(?:\.[A-Za-z_$]+)+$/.test(secret.replace(/\[-?\d+\]/g, ''))) return false;
  // Element access, an expression: tokens[start], token_parts[1]
  if (/^[A-Za-z_$][\w$.]*\[[\w$'"-]*\]$/.test(secret)) return false;
  // Member and element access chained: data[stackName].ApiKey, creds[self.SECRET_KEY], env['X'].strip
  if (secret.includes('[') && isAccessChain(secret)) return false;
  // A timestamp: "PasswordLastUsed": "2016-09-08T21:47:36Z"
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(secret)) return false;
  // A module path and a type name: aws-cdk-lib/aws-apigateway.CfnApiKey
  if (/^@?[\w-]+(?:\/[\w-]+)+\.[A-Z][A-Za-z0-9]*$/.test(secret)) return false;
  // A feature flag or a namespaced id: @aws-cdk/core:checkSecretUsage, serverlessrepo:applicationId
  if (/^(?:@[\w-]+\/)?[\w-]+:[a-z]+(?:[A-Z][a-z0-9]*)*$/.test(secret)) return false;
  // A file path: ./aws-secretsmanager/index.js, ./lib/tokenize.js, /deploy/secrets/secrets.json
  if (/^(?:\.{1,2}\/|\/)(?:[\w@.-]+\/)*[\w.-]+\.(?:[cm]?[jt]sx?|json|ya?ml|pem|key|txt|env|ini|cfg|conf|properties|crt|p12|pfx|sh|py|html?|css|map)$/i.test(secret)) return false;
  // An identifier of letter-only words: offlineContext_apiKey
  if (/^[A-Za-z]+(?:[_.-][A-Za-z]+)+$/.test(secret) && secret.length < 40) return false;
  const hasDigit = /[0-9]/.test(secret);
  const hasSymbol = /[^A-Za-z0-9]/.test(secret);
  const mixedCase = /[a-z]/.test(secret) && /[A-Z]/.test(secret);
  if (!hasDigit && !hasSymbol && !(mixedCase && secret.length >= 20)) return false;
  if (/^[0-9]+$/.test(secret) && secret.length < 12) return false; // a port, a count, an id
  return true;
};

/**
 * Lower-case words that a password-named setting holds and that are not a password: modes, types,
 * states and the stock defaults every tutorial writes (`password: "hidden"`, `pwd == "required"`,
 * `keystore password "changeit"`, the JDK's published default).
 */
const NOT_A_CHOSEN_WORD = new Set([
  'hidden', 'masked', 'required', 'optional', 'disabled', 'enabled', 'prompt', 'random', 'generated', 'generate',
  'plaintext', 'plain', 'encrypted', 'hashed', 'unknown', 'invalid', 'incorrect', 'missing', 'default', 'empty',
  'blank', 'string', 'object', 'number', 'boolean', 'integer', 'secure', 'insecure', 'unset', 'notset', 'inherit',
  'stdin', 'keyring', 'keychain', 'vault', 'file', 'environment', 'env', 'ask', 'manual', 'auto', 'automatic',
  'current', 'confirm', 'forgot', 'forgotten', 'reset', 'change', 'update', 'expired', 'locked', 'valid', 'match',
  'mismatch', 'visible', 'toggle', 'show', 'hide', 'text', 'input', 'field', 'label', 'value', 'values', 'bcrypt',
  'argon', 'scrypt', 'pbkdf', 'sha', 'md', 'cleartext', 'password', 'passwd', 'passphrase', 'secret', 'changeit',
  'letmein', 'welcome', 'qwerty', 'admin', 'administrator', 'root', 'toor', 'guest', 'user', 'users', 'demo', 'test',
  'tester', 'testing', 'sample', 'example', 'dummy', 'pass', 'none', 'null', 'same', 'nopass', 'nopassword',
  'foobar', 'foobaz', 'asdf', 'asdfasdf', 'asdfgh', 'qwertyuiop', 'zxcvbn',
  // Published defaults of images, boxes and services (`POSTGRES_PASSWORD: "postgres"`, Vagrant's
  // `vagrant`, Raspberry Pi OS's `raspberry`, MinIO's `minioadmin`), known to everyone who uses them.
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'rabbitmq', 'oracle', 'sqlserver',
  'wordpress', 'vagrant', 'raspberry', 'ubuntu', 'docker', 'minioadmin', 'sonar', 'nexus', 'jenkins', 'tomcat',
  'elastic', 'kibana', 'manager', 'master', 'homestead', 'localhost',
]);

/** One edit (a letter dropped, doubled or swapped) from `password` or `secret`: `pasword`, `passwrod`, `secert`. */
function misspeltSecretWord(word: string): boolean {
  return ['password', 'secret', 'passwd'].some((w) => Math.abs(w.length - word.length) <= 1 && editDistanceAtMostOne(word, w));
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, y: string) => x.slice(i + 1) === y.slice(i + 1);
  if (a.length === b.length) return rest(a, b) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A value given to a name that says it is a password (`$password = "goodspec"`, `password == 'logmein'`,
 * "the default password is 'blooberry'"): as `generic`, and also one lower-case word, which is what
 * people choose as a password. Capitalised words stay out (a label or its translation: `Passwort`),
 * and so do words that name a mode, a type or a stock default, and misspelt placeholders (`pasword`).
 */
export const passwordValue: Validator = (secret) => genericSecretValue(secret) || isChosenWord(secret);

function isChosenWord(value: string): boolean {
  return /^[a-z]{4,32}$/.test(value) && !NOT_A_CHOSEN_WORD.has(value) && !misspeltSecretWord(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A value assigned to a token-like name: as `generic`, and not a UUID. Under a token name a UUID is an
 * identifier by convention (ChangeToken, ClientRequestToken, LifecycleActionToken, Postman-Token);
 * UUID-shaped tokens of a service (Heroku API keys) have their own rules. Under a password, secret or
 * API-key name a UUID stays a candidate: Azure service-principal passwords and many API keys are UUIDs.
 */
export const genericTokenValue: Validator = (secret) => genericSecretValue(secret) && !UUID.test(secret);

/** The example UUID of RFC 4122's successors and of most documentation (`123e4567-e89b-12d3-a456-426614174000`), and the nil UUID. */
const EXAMPLE_UUID = /^(?:123e4567-e89b-12d3-a456-4266141740[0-9a-f]{2}|0{8}-0{4}-0{4}-0{4}-0{12})$/i;

/** The sample passwords of documentation: a stock word with digits and symbols around it (`Passw0rd!`, `Test@654321`). */
const DUMMY_PASSWORD = /^[\W_]*(?:p[a@4]ssw[o0]rd|pass|test|demo|example|sample|changeme|welcome|admin|secret|letmein|qwerty|user)[\W_]*\d*[\W_]*$/i;

/** Letters-only runs of four or more with vowels in them: the words of an identifier (`Access`, `Token`, `Response`). */
function wordyShare(value: string): number {
  let covered = 0;
  for (const m of value.matchAll(/[A-Z]?[a-z]{3,}|[A-Z]{4,}(?![a-z])/g)) {
    const vowels = (m[0].match(/[aeiouAEIOU]/g) ?? []).length;
    if (vowels / m[0].length >= 0.2) covered += m[0].length;
  }
  return covered / value.length;
}

/**
 * A value given without quotes or by a label (`paymoapp_key = JK0o…`, `nimble ACCESS 3mL6…`):
 * as `generic`, and not the documentation UUID, and not an identifier made mostly of words, which
 * is what a type or a variable is (`AccessTokenV2Response`, `splendid21RANDOMCONTENT_token`).
 */
export const credentialValue: Validator = (secret) =>
  genericSecretValue(secret) &&
  !EXAMPLE_UUID.test(secret) &&
  !/^(?:~|\.{1,2})?\/[\w.@~-]+\//.test(secret) && // a path: ~/.gcloud/keyfile.json
  !/^[A-Za-z_$][\w$.]*\[[^\]]*\][\w$.]*$/.test(secret) && // element access: creds[self.ACCESS_KEY]
  !/[{([]$/.test(secret) && // the start of a literal or a call: events.APIGatewayCustomAuthorizerPolicy{
  !/^\{[A-Za-z0-9+/=]+\}$/.test(secret) && // a Maven-encrypted password: {COQLCE6DU6GtcS5P=}
  !DUMMY_PASSWORD.test(secret) &&
  !(/^[A-Za-z_][\w:./-]*$/.test(secret) && wordyShare(secret) >= 0.5); // words: elasticfilesystem:ClientRootAccess

/** A JSON Web Token: its header decodes to a JSON object naming an algorithm. */
export const jwtToken: Validator = (secret) => {
  const [header] = secret.split('.');
  if (!header) return false;
  const parsed = jwtPartJson(header);
  return typeof parsed === 'object' && parsed !== null && typeof (parsed as { alg?: unknown }).alg === 'string';
};

/**
 * `user:password` in base64, as in HTTP Basic auth and Docker's config.json `auth`: the decoded
 * text is a user name (no blanks, colons, braces or quotes) and a password on one printable line.
 * Anything else with a colon in it is not Basic credentials: a JWT's header decodes to
 * `{"alg":"HS256"…` and is reported by the JWT rule.
 */
export const basicAuth: Validator = (secret) => {
  const decoded = Buffer.from(secret, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1 && decoded.length <= 512 && /^[^\s:{}"]+:[\x21-\x7e][\x20-\x7e]*$/.test(decoded);
};

export const VALIDATORS: Record<string, Validator> = {
  'basic-auth': basicAuth,
  'crc32-base62': crc32Base62Token,
  'credential-value': credentialValue,
  generic: genericSecretValue,
  'generic-token': genericTokenValue,
  'password-value': passwordValue,
  jwt: jwtToken,
};
