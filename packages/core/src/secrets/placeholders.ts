import { isDigitRun, isMadeUp } from './made-up.js';

/**
 * Obvious placeholders are not secrets: `EXAMPLE`, `xxxx`, `<your-key>`, `${VAR}`, `changeme`...
 * Only values that announce themselves pass here; fake keys of test fixtures that look random are
 * still reported (made-up shapes are made-up.ts's, published samples public-samples.ts's).
 */
const PLACEHOLDER = [
  /example/i,
  /^x{4,}$/i,
  /^(.)\1{7,}$/, // aaaaaaaa, 00000000
  /x{6,}/i,
  /^<[^>]*>$/,
  /^\$\{[^}]*\}$/,
  /^\$\([^)]*\)$/,
  /^\{\{[^}]*\}\}$/,
  /^%[A-Za-z_]+%$/,
  /^__[A-Za-z][\w.-]*__$/, // __AzureWebJobsStorage__: a token a release pipeline replaces
  /^#\{[^}]+\}#?$/, // #{DbPassword}#: Azure DevOps replace-tokens
  /^(?:\{\w*\}|%[sd])$/, // "mysql://{}:{}@{}/{}".format(...), "%s": a format string's slot
  /^\$[A-Z_][A-Z0-9_]*$/,
  /^\$[a-z_]+$/, // $password (a shell or PHP variable)
  /^\{[A-Za-z_][\w.-]*\}$/, // {password} (a template field)
  /^&lt;.*&gt;$/, // &lt;YOURPASSWORD&gt; (an HTML-escaped <placeholder>)
  /^replace[-_ ]?with/i, // REPLACE_WITH_PASSWORD
  /^\/[\w.@~-]+(?:\/[\w.@~-]*)+$/, // /en/enterprise/creating-a-strong-password (a path)
  // #add-password, .password-field, #section2 (a CSS selector): words, digits only after a word's end;
  // `#gets0m3` (a digit inside a word, as people write passwords) is not one.
  /^[#.][A-Za-z]+\d*(?:[-_][A-Za-z0-9]+)*$/,
  /^[a-z][a-z0-9_]*(?:\/[a-z0-9_]+)+#[a-z_]+$/, // cms/sites/passwords#update (a Rails route target)
  /^[a-z]+(?:[-_][a-z]+)*[-_](?:password|passwd|secret|token)(?:[-_][a-z]+)*$/, // cms_user_password (a name)
  /^[A-Z]+(?:_[A-Z]+)*_(?:PASSWORD|PASSWD|SECRET|TOKEN)(?:_[A-Z]+)*$/, // RABBITMQ_BROKER_PASSWORD (a name a script replaces)
  /hello[-_ ]?world/i, // HelloWorld123! (the sample string of every tutorial)
  // S3cuRe#FaKE*, fake-key, myDummySecret (a value that says it is not real): the word stands
  // apart (an edge or a non-letter on one side) or is a camel-case word, so a random token that
  // happens to hold the letters (sk_live_...ZKFAKEx..., about one in 10^4) is still a secret.
  /(?:^|[^a-z])(?:fake|dummy)|(?:fake|dummy)(?:$|[^a-z])/i,
  /Fake|Dummy/,
  /your[-_ ]?(api[-_ ]?)?(key|token|secret|password)/i,
  /^(changeme|change[-_]me|password|passwd|pass|pwd|pw|secret|redacted|dummy|placeholder|todo|tbd|none|null|undefined|test|sample|fake)$/i,
  /^\*+$/,
  /changeme|change_me|replace[-_]?me|placeholder|redacted|insert[-_]?(?:your|key|token|here)|\.\.\.|\u2026/i,
  /^(?:xxx|abc|foo|bar|dummy|fake|test|sample|my)[-_]?(?:key|token|secret|password|pass|pwd)?[-_]?\d{0,3}$/i,
  /^(.{1,3})\1+$/, // abcabcabc
  /^your[-_ ]/i, // YOUR-TWILIO-AUTH-TOKEN-HERE
  /[-_ ]here$/i,
  /X{4,}$/, // AIzaXXXX
  /^\[[a-z][a-z0-9_ -]*\]$/i, // [secret_block], [new_password] (a documentation placeholder)
  /(?:must|should)[-_ ]?be|at[-_ ]?least/i, // PassWordMustBeAtLeast6Chars. (a rule written as a value)
  // Only the words that name a secret: `secret-token`, `my_api_key`, `client-secret-value`.
  /^(?:(?:my|the|some|new|dummy|fake|test|sample|secret|secrets|token|password|passwd|key|api|apikey|access|auth|oauth|client|private|value|string|app|db|admin|user)[-_.]?){1,4}$/i,
];

/**
 * A value that says what it is: `TestPassword123!`, `securePassword123`, `MySecretPassword123!`,
 * `rabbitmqPassword123`, `wrongPassword`, `password1`. Words (one of them naming a kind of secret),
 * at most four digits and three symbols: what documentation and tests write where a password goes.
 * A chosen or generated secret does not name itself; a random part anywhere keeps the value.
 */
export function describesItself(value: string): boolean {
  if (value.length > 64) return false;
  const parts = value.match(/[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|\d+|[^A-Za-z\d]+/g) ?? [];
  let kind = false;
  let digits = 0;
  let symbols = 0;
  for (const part of parts) {
    if (/^\d/.test(part)) digits += part.length;
    else if (!/[A-Za-z]/.test(part)) symbols += part.length;
    else if (SECRET_WORD.test(part)) kind = true;
    // A word has a vowel; an acronym (DB, API, MQ) is short: `Xq`, `Zt` are random letters.
    else if (!(/^[A-Z]{2,4}$/.test(part) || (part.length >= 2 && /[aeiouy]/i.test(part)))) return false;
  }
  return kind && digits <= 4 && symbols <= 3;
}

const SECRET_WORD = /^(?:password|passwd|pass|pwd|secret|token)$/i;

/**
 * A value opening with an upper-case word that names its kind, then anything:
 * `VERYLONGSECRETeyJraWQi...` (an SDK's doc comment). Six upper-case letters naming a secret at
 * the start of a random token happen about once in 10^10.
 */
const NAMED_PREFIX = /^[A-Z]*(?:SECRET|PASSWORD|TOKEN)[A-Z]*(?=[a-z0-9])/;

/** A placeholder the value itself announces (words, templates, masks), leaving out made-up shapes. */
export function isAnnouncedPlaceholder(value: string): boolean {
  return PLACEHOLDER.some((re) => re.test(value)) || isEncodedDummy(value) || describesItself(value) || NAMED_PREFIX.test(value);
}

export function isPlaceholder(value: string): boolean {
  return isAnnouncedPlaceholder(value) || isMadeUp(value);
}

/**
 * Base64 of a sentence or of counting digits: `VGhpcyBpcyBhIHRlc3Qgc3RyaW5nLg==` ("This is a test
 * string."), `MTIzNDU2Nzg5MDEy...` ("1234567890..."), the fixtures of tests. A key decodes to bytes.
 */
function isEncodedDummy(value: string): boolean {
  // Padding may be left out (base64url, or a fixture cut to a key length).
  if (value.length < 16 || value.length > 4096 || value.length % 4 === 1 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return false;
  const text = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(text)) return false;
  const sentence = /^[A-Za-z][A-Za-z,'-]*(?: [A-Za-z,'-]+){2,}[.!]?$/.test(text);
  const digits = text.replace(/\D/g, '');
  return sentence || (digits.length === text.length && isDigitRun(digits));
}
