/**
 * Obvious placeholders are not secrets: `EXAMPLE`, `xxxx`, `<your-key>`, `${VAR}`, `changeme`...
 * Well-known fake keys of test fixtures that look real are still reported: only values that
 * announce themselves as placeholders pass here.
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
  /^[#.][A-Za-z][\w-]*$/, // #add-password, .password-field (a CSS selector)
  /^[a-z][a-z0-9_]*(?:\/[a-z0-9_]+)+#[a-z_]+$/, // cms/sites/passwords#update (a Rails route target)
  /^[a-z]+(?:[-_][a-z]+)*[-_](?:password|passwd|secret|token)(?:[-_][a-z]+)*$/, // cms_user_password (a name)
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

/** 1234567890123456, 0123456789: a run of consecutive digits. */
function isDigitRun(value: string): boolean {
  if (!/^\d{6,}$/.test(value)) return false;
  for (let i = 1; i < value.length; i++) {
    if (value.charCodeAt(i) - 48 !== (value.charCodeAt(i - 1) - 48 + 1) % 10) return false;
  }
  return true;
}

/**
 * Made-up values that fixed-prefix formats let through (`AKIA` + sixteen `A`s, `AIza` + `aaaa...`,
 * `...ABCDEFGHIJKL...`, `...1234567890`, `DEADBEEFDEADBEEF`): a run of one character, an
 * alphabet or digit sequence of 8, or a short unit repeated over 12 characters or more. A random
 * token of a few dozen characters shows none of these. Multi-line values (key blocks) are not
 * judged here.
 */
function isPatterned(value: string): boolean {
  // ASCII tokens only, not plain numbers (isDigitRun judges those), not key blocks.
  if (value.length > 256 || !/^[\x21-\x7e]+$/.test(value) || /^\d+$/.test(value)) return false;
  // The pattern must be a large part of the value: real Twitter bearer tokens open with 21 "A"s.
  const big = (n: number): boolean => n >= 8 && n * 4 >= value.length;
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const a = value.charCodeAt(i - 1);
    const b = value.charCodeAt(i);
    const alnum = /[A-Za-z0-9]/.test(value[i]!) && /[A-Za-z0-9]/.test(value[i - 1]!);
    same = a === b ? same + 1 : 1;
    up = alnum && (b === a + 1 || (a === 57 && b === 48)) ? up + 1 : 1; // 9 -> 0 continues 1234567890
    down = alnum && b === a - 1 ? down + 1 : 1;
    if (big(same) || big(up) || big(down)) return true;
  }
  return [...value.matchAll(/(.{2,8}?)\1+/g)].some((m) => m[0].length >= 12 && big(m[0].length));
}

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.some((re) => re.test(value)) || isDigitRun(value) || isEncodedDummy(value) || isPatterned(value);
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
