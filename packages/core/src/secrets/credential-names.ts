/**
 * Name checks of the broad assignment rules (`nameCheck` in the catalog): the name a value is
 * given, as the rule's `nameGroup` captured it (`paymoapp_key`, `nimble ACCESS`, `qUboLE accessKEy`,
 * `REACT_APP_AUTH_PASS`), must say it holds a credential. The rules' keywords (`key`, `access`,
 * `pass`) are common words of code; the name is what tells a licence key from a cache key.
 */
import { isDescriptiveName, isReferenceName, isSecretLikeName, nameWords, SECRET_WORDS } from '../env/names.js';

export type NameCheck = (name: string) => boolean;

/**
 * Words that make a `...key` name something other than a credential: data-structure and database
 * keys, public halves, identifiers of other things (`cacheKey`, `partition_key`, `publicKey`,
 * `sitekey`, `i18nKey`, `objectKey`, `keyboard shortcut` keys).
 */
const NON_SECRET_KEY_WORDS = new Set([
  'public', 'publishable', 'pub', 'site', 'cache', 'caching', 'primary', 'partition', 'sort', 'hash', 'range', 'foreign',
  'idempotency', 'dedup', 'deduplication', 'object', 'bucket', 's3', 'route', 'routing', 'message', 'i18n', 'translation',
  'storage', 'local', 'registry', 'lookup', 'map', 'column', 'field', 'attr', 'attribute', 'prop', 'property', 'index',
  'group', 'entity', 'row', 'shard', 'order', 'unique', 'composite', 'lock', 'sequence', 'label', 'tag', 'meta',
  'metadata', 'header', 'query', 'state', 'event', 'job', 'task', 'flag', 'feature', 'config', 'setting', 'settings',
  'pref', 'preference', 'env', 'var', 'file', 'path', 'item', 'record', 'table', 'list', 'dict', 'cursor', 'page',
  'next', 'start', 'end', 'last', 'first', 'react', 'redux', 'store', 'context', 'element', 'node', 'prefix',
  'suffix', 'kms', 'cmk', 'ssh', 'gpg', 'pgp', 'search', 'locale', 'lang', 'language', 'text', 'string', 'type',
  'name', 'sub', 'parent', 'child', 'root', 'dynamo', 'hot', 'short', 'shortcut', 'keyboard',
  'press', 'pressed', 'down', 'up', 'log', 'metric', 'trace', 'span', 'request', 'response', 'query', 'param',
  'params', 'option', 'options', 'menu', 'nav', 'tab', 'form', 'input', 'button', 'modal', 'component', 'template',
  'schema', 'mapping', 'join', 'lookup', 'composite', 'natural', 'surrogate', 'candidate', 'global', 'secondary',
  'sharding', 'dist', 'distribution', 'cluster', 'clustering', 'grouping', 'aggregate', 'upload', 'download',
  'image', 'asset', 'video', 'audio', 'font', 'style', 'theme', 'color', 'layout', 'widget', 'view', 'screen', 'route',
  'version', 'build', 'commit', 'branch', 'release', 'deploy', 'stack', 'stage', 'region', 'zone', 'time', 'date',
  'day', 'week', 'month', 'year', 'count', 'counter', 'total', 'num', 'number', 'idx', 'position', 'pos', 'offset',
  'mock', 'fake', 'dummy', 'example', 'sample', 'foo', 'bar',
  // CloudFormation outputs and IAM conditions (`OutputKey`, `ConditionKey`), Storage Gateway's activation key (documentation)
  'output', 'outputs', 'input', 'condition', 'properties', 'activation',
]);

/** Glued names that end in `key` and are no credential: `monkey`, `hotkey`, `sitekey` (reCAPTCHA's public key). */
const GLUED_NOT_KEY = /(?:mon|tur|hoc|whis|don|joc|lac|malar|hot|site|pub|hash|sort|cache|primary|partition|public)key$/;

/** Words after a credential word that qualify it: an environment, a version, an encoding. */
const QUALIFIERS = /^(?:prod|production|dev|development|test|testing|stage|staging|qa|uat|live|sandbox|local|base|value|val|string|str|raw|plain|b64|base64|hex|encoded|v\d+|\d+|new|old|current|primary|secondary|backup|default)$/;

/** Credential words a name may end in besides the secret words of env/names.ts. */
const EXTRA_CREDENTIAL_WORDS = new Set(['key', 'keys', 'access', 'private', 'pat', 'apitoken', 'authtoken', 'accesstoken', 'accesskey', 'secretkey', 'privatekey', 'apikey', 'creds']);

/** Whether a word of a name is a credential word on its own or glued to another word (`dailykey`, `zonkatoken`). */
function credentialWordOf(word: string): string | undefined {
  if (SECRET_WORDS.includes(word) || EXTRA_CREDENTIAL_WORDS.has(word)) return word;
  const glued = /(password|passwd|secret|token|apikey|accesskey|secretkey|privatekey|credentials?|key|access|private)$/.exec(word);
  if (!glued || glued[1]!.length === word.length) return undefined;
  if (glued[1] === 'key' && GLUED_NOT_KEY.test(word)) return undefined;
  return glued[1];
}

/**
 * A name that says it holds a credential: its last word is a credential word (`paymoapp_key`,
 * `nimble ACCESS`, `dailyKEY`, `REACT_APP_AUTH_PASS`, `zeplin SECRET TOKEN`), it is no reference
 * or description (`TOKEN_ARN`, `passwordPolicy`, `key_id`), and a `...key` names no data key or
 * public key (`cacheKey`, `partition_key`, `publicKey`).
 */
export const credentialName: NameCheck = (name) => {
  // A property path names what its last part names: `spring.datasource.password`, not `authResponse.PolicyDocument`.
  const dotted = name.trim().split(/[ \t]+/);
  const lastPart = dotted[dotted.length - 1]!.split('.').filter(Boolean).pop() ?? '';
  if (!nameWords(lastPart).some((w) => credentialWordOf(w) !== undefined) && credentialWordOf(lastPart.toLowerCase().replace(/[^a-z0-9]/g, '')) === undefined) return false;
  let words = nameWords(name);
  if (words.length === 0) return false;
  // Odd casing splits a word apart (`accessKEy` -> access, k, ey): read it in lower case then.
  if (credentialWordOf(words[words.length - 1]!) === undefined) {
    const lower = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    if (lower.length > 0 && credentialWordOf(lower[lower.length - 1]!) !== undefined) words = lower;
  }
  const joined = words.join('_');
  if (isReferenceName(joined) || isDescriptiveName(joined)) return false;
  const last = credentialWordOf(words[words.length - 1]!);
  if (last === undefined) {
    // A credential word followed by a word that says which one or how it is written
    // (`DB_PASSWORD_PROD`, `SECRET_KEY_BASE`, `API_TOKEN_V2`), not by what it is (`PASSWORD_INPUT_BOX`).
    const cred = words.findLastIndex((w) => credentialWordOf(w) !== undefined);
    return cred >= 0 && words.slice(cred + 1).every((w) => QUALIFIERS.test(w)) && isSecretLikeName(joined);
  }
  // `key`, `access` and `private` name a credential only after another word: `nimble ACCESS`,
  // `dailyKEY`, not a bare `key` (React lists, i18n tables) or `private`.
  if (words.length === 1 && (words[0] === 'key' || words[0] === 'keys' || words[0] === 'access' || words[0] === 'private')) return false;
  if (last === 'key' || last === 'keys') {
    // Of a property path, the last two parts: `config.facebook.key` is Facebook's key.
    const near = [...dotted.slice(0, -1), dotted[dotted.length - 1]!.split('.').slice(-2).join('.')].join(' ');
    return !nameWords(near).some((w) => NON_SECRET_KEY_WORDS.has(w));
  }
  return true;
};

/** First words of a line of code, not of a configuration file: after them an unquoted value is an identifier. */
const CODE_WORDS = new Set(['const', 'let', 'var', 'val', 'def', 'final', 'static', 'public', 'private', 'protected', 'return', 'if', 'elif', 'else', 'while', 'for', 'assert', 'yield', 'await', 'new', 'type', 'func', 'fn', 'auto', 'string', 'int', 'bool', 'char', 'byte', 'void', 'this', 'self', 'case', 'when', 'where', 'and', 'or', 'not', 'in', 'is']);

/** Words a line may start with before its name: a shell, batch or Dockerfile keyword (`export API_KEY=`, `ENV API_KEY`). */
const LINE_PREFIXES = new Set(['export', 'set', 'setenv', 'env', 'arg', 'declare', 'readonly', 'local', 'typeset']);

/** The words of a name without a leading shell, batch or Dockerfile keyword (`export API_KEY` -> `API_KEY`). */
function withoutLinePrefix(name: string): string[] {
  const parts = name.trim().split(/[ \t]+/);
  if (parts.length > 1 && LINE_PREFIXES.has(parts[0]!.toLowerCase())) parts.shift();
  return parts;
}

/** The name of a configuration line (`nuget key = …`, `ENV API_KEY …`): a credential name, not a line of code. */
export const lineCredentialName: NameCheck = (name) => {
  const parts = withoutLinePrefix(name);
  if (CODE_WORDS.has(parts[0]!.toLowerCase()) && parts.length > 1) return false;
  return credentialName(parts.join(' '));
};

/**
 * A label without an operator (`nimble ACCESS 3mL6…`, `dailyKEY 123f…`, `ENV API_KEY 7f3a…`): a
 * credential name of two words or more (a provider and a credential word), so that a lone `token`
 * or `key` before a word is not read as a label.
 */
export const labelCredentialName: NameCheck = (name) => {
  const parts = withoutLinePrefix(name).join(' ');
  return nameWords(parts).length >= 2 && lineCredentialName(parts);
};

export const NAME_CHECKS: Readonly<Record<string, NameCheck>> = {
  'credential-name': credentialName,
  'line-credential-name': lineCredentialName,
  'label-credential-name': labelCredentialName,
};
