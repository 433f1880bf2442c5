// A reproducible corpus for the secret-scanning benchmark: realistic source, config and minified
// files (seeded PRNG, same bytes every time), with a known list of planted secrets (manifest.json).
// Generated once under .bench/secrets/ and reused while CORPUS_VERSION and the size are unchanged.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base62, crc32 } from '@leakguard/core';

export const CORPUS_VERSION = 6;

// ---------------------------------------------------------------- seeded randomness
let seed = 0x5eed1234;
function rnd() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rnd() * n);
const pick = (a) => a[int(a.length)];
const CS = {
  A: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  h: '0123456789abcdef',
  b: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  u: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  B32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  d: '0123456789',
};
const r = (set, n) => {
  const chars = CS[set];
  let s = '';
  for (let i = 0; i < n; i++) s += chars[int(chars.length)];
  return s;
};

// GitHub and npm tokens carry a CRC32 / base62 checksum: the engine's own functions make valid ones.
const crcToken = (prefix) => {
  const body = r('A', 30);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
};

// ---------------------------------------------------------------- planted secrets
// Each kind: lines to insert (one of them holds the secret) and the rule ids that may report it.
const PLANTS = [
  { kind: 'github-pat', rules: ['secret/github-pat'], make: () => [`const GITHUB_TOKEN = "${crcToken('ghp_')}";`] },
  { kind: 'npm-token', rules: ['secret/npm-access-token', 'secret/npmrc-auth-token'], make: () => [`//registry.npmjs.org/:_authToken=${crcToken('npm_')}`] },
  { kind: 'aws-key-id', rules: ['secret/aws-access-key-id'], make: () => [`aws_access_key_id = AKIA${r('B32', 16)}`] },
  { kind: 'aws-secret', rules: ['secret/aws-secret-access-key', 'secret/aws-access-key-pair'], make: () => [`AWS_SECRET_ACCESS_KEY: "${r('b', 40)}"`] },
  { kind: 'stripe', rules: ['secret/stripe-live-secret-key'], make: () => [`stripe.api_key = "sk_live_${r('A', 24)}"`] },
  { kind: 'slack-bot', rules: ['secret/slack-bot-token'], make: () => [`SLACK_BOT_TOKEN=xoxb-${r('d', 12)}-${r('d', 13)}-${r('A', 24)}`] },
  { kind: 'slack-webhook', rules: ['secret/slack-webhook-url'], make: () => [`  webhook: "https://hooks.slack.com/services/T${r('B32', 10)}/B${r('B32', 10)}/${r('A', 24)}",`] },
  { kind: 'postgres-url', rules: ['secret/postgres-connection-string'], make: () => [`DATABASE_URL=postgres://orders:${r('A', 18)}@db.internal:5432/orders`] },
  { kind: 'generic-password', rules: ['secret/generic-password'], make: () => [`    const dbPassword = "${r('A', 12)}#7";`] },
  { kind: 'jwt', rules: ['secret/jwt', 'secret/generic-token'], make: () => [`const session = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${r('u', 60)}.${r('u', 43)}";`] },
  { kind: 'sendgrid', rules: ['secret/sendgrid-api-key'], make: () => [`SENDGRID_API_KEY='SG.${r('u', 22)}.${r('u', 43)}'`] },
  { kind: 'openai', rules: ['secret/openai-project-key'], make: () => [`client = OpenAI(api_key="sk-proj-${r('u', 74)}T3BlbkFJ${r('u', 74)}")`] },
  { kind: 'google-api-key', rules: ['secret/gcp-api-key'], make: () => [`  apiKey: "AIza${r('u', 35)}",`] },
  { kind: 'azure-storage', rules: ['secret/azure-storage-connection-string'], make: () => [`"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=fnstore${r('d', 3)};AccountKey=${r('b', 86)}==;EndpointSuffix=core.windows.net",`] },
  { kind: 'anthropic', rules: ['secret/anthropic-api-key'], make: () => [`ANTHROPIC_API_KEY=sk-ant-api03-${r('u', 93)}AA`] },
  { kind: 'datadog', rules: ['secret/datadog-api-key'], make: () => [`  DD_API_KEY: ${r('h', 32)}`] },
  {
    kind: 'rsa-private-key',
    rules: ['secret/private-key-rsa'],
    make: () => ['-----BEGIN RSA PRIVATE KEY-----', ...Array.from({ length: 12 }, () => r('b', 64)), `${r('b', 40)}==`, '-----END RSA PRIVATE KEY-----'],
  },
];

// ---------------------------------------------------------------- realistic filler
const WORDS = 'user order invoice payment account session cart product customer item price total amount status config client request response handler event message queue record batch report export import cache store stream buffer index node tree graph route path query result value entry key header login logout profile setting option feature flag metric trace span log error retry timeout limit page offset cursor filter sort field schema model table column row'.split(' ');
const ident = () => pick(WORDS) + pick(WORDS).replace(/^./, (c) => c.toUpperCase());
const JS_LINES = [
  () => `import { ${ident()}, ${ident()} } from './${pick(WORDS)}/${pick(WORDS)}.js';`,
  () => `const ${ident()} = await ${pick(WORDS)}Service.get${ident()}(${pick(WORDS)}Id, { limit: ${int(500)} });`,
  () => `  if (!${ident()}) throw new Error('${pick(WORDS)} ${pick(WORDS)} not found: ' + ${pick(WORDS)}.id);`,
  () => `  return ${pick(WORDS)}.${pick(WORDS)}s.filter((x) => x.${pick(WORDS)} > ${int(100)}).map((x) => x.${pick(WORDS)});`,
  () => `// ${pick(WORDS)} the ${pick(WORDS)} before the ${pick(WORDS)} is ${pick(['sent', 'stored', 'retried', 'logged', 'validated'])}`,
  () => `export async function ${ident()}(${pick(WORDS)}, ${pick(WORDS)}) {`,
  () => `}`,
  () => ``,
  () => `  const token = req.headers.authorization?.replace('Bearer ', '');`,
  () => `  const password = process.env.DB_PASSWORD;`,
  () => `  const secretArn = process.env.${pick(WORDS).toUpperCase()}_SECRET_ARN;`,
  () => `  const { SecretString } = await sm.send(new GetSecretValueCommand({ SecretId: secretArn }));`,
  () => `  logger.info({ ${pick(WORDS)}Id: ${pick(WORDS)}.id, durationMs: Date.now() - started }, '${pick(WORDS)} ${pick(WORDS)}');`,
  () => `  const url = \`https://api.${pick(WORDS)}.internal/v2/${pick(WORDS)}s/\${id}?expand=${pick(WORDS)}\`;`,
  () => `  await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(${pick(WORDS)}) });`,
  () => `  for (const ${pick(WORDS)} of ${pick(WORDS)}s) total += ${pick(WORDS)}.${pick(WORDS)} * ${pick(WORDS)}.quantity;`,
  () => `  const apiKey = config.get('${pick(WORDS)}.apiKey');`,
  () => `  expect(${ident()}(${int(9)})).toEqual({ ${pick(WORDS)}: ${int(99)}, ${pick(WORDS)}: '${pick(WORDS)}' });`,
  () => `  tokenizer.push({ type: '${pick(WORDS)}', value: source.slice(start, pos) });`,
];
const PY_LINES = [
  () => `from ${pick(WORDS)}.${pick(WORDS)} import ${ident()}`,
  () => `def ${pick(WORDS)}_${pick(WORDS)}(${pick(WORDS)}, ${pick(WORDS)}=None):`,
  () => `    ${pick(WORDS)} = ${pick(WORDS)}_client.get_${pick(WORDS)}(${pick(WORDS)}_id=${pick(WORDS)}.id, limit=${int(100)})`,
  () => `    if not ${pick(WORDS)}:`,
  () => `        raise ValueError(f"${pick(WORDS)} {${pick(WORDS)}} is not ${pick(['valid', 'ready', 'known'])}")`,
  () => `    password = os.environ["DB_PASSWORD"]`,
  () => `    token = get_secret("${pick(WORDS)}/${pick(WORDS)}/token")`,
  () => `    return [x.${pick(WORDS)} for x in ${pick(WORDS)}s if x.${pick(WORDS)} > ${int(50)}]`,
  () => `# ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}: see https://docs.${pick(WORDS)}.io/${pick(WORDS)}`,
  () => ``,
];
const YAML_LINES = [
  () => `${pick(WORDS)}:`,
  () => `  ${pick(WORDS)}_${pick(WORDS)}: ${pick(['true', 'false', int(1000), `"${pick(WORDS)}-${pick(WORDS)}"`])}`,
  () => `  image: ghcr.io/${pick(WORDS)}/${pick(WORDS)}:${int(9)}.${int(20)}.${int(9)}`,
  () => `  - name: ${pick(WORDS).toUpperCase()}_PASSWORD`,
  () => `    valueFrom: { secretKeyRef: { name: ${pick(WORDS)}-secrets, key: password } }`,
  () => `  token_url: https://auth.${pick(WORDS)}.internal/oauth2/token`,
  () => `  replicas: ${int(6) + 1}`,
];
const MIN_BITS_NEUTRAL = [
  () => `function ${pick('abcdefghijklmnop')}${int(99)}(${pick('abcdef')}){return ${pick('abcdef')}.${pick(WORDS)}.map(function(${pick('xyz')}){return ${pick('xyz')}.${pick(WORDS)}})}`,
  () => `${pick('abcdef')}.${pick(WORDS)}=${pick('abcdef')}.${pick(WORDS)}+${int(999)}|0`,
  () => `for(var ${pick('ijk')}=0;${pick('ijk')}<${pick('abc')}.length;${pick('ijk')}++)${pick('def')}[${pick('ijk')}]=${pick('abc')}[${pick('ijk')}]*${int(9)}`,
  () => `case ${int(99)}:return "${pick(WORDS)}_${pick(WORDS)}"`,
  () => `${pick('abcdef')}.addEventListener("${pick(['click', 'load', 'change', 'submit'])}",function(){${pick('abcdef')}.${pick(WORDS)}()})`,
  () => `var ${pick('abcdef')}={${pick(WORDS)}:${int(99)},${pick(WORDS)}:"${pick(WORDS)}",${pick(WORDS)}:!1}`,
];
const MIN_BITS_ALL = [
  () => `function ${pick('abcdefghijklmnop')}(${pick('abcdef')},${pick('ghijk')}){return ${pick('abcdef')}.${pick(WORDS)}(${pick('ghijk')})||null}`,
  () => `var ${pick('abcdefgh')}${int(99)}=${int(99999)},${pick('ijklmnop')}="${pick(WORDS)}-${pick(WORDS)}"`,
  () => `${pick('abcdef')}.prototype.${pick(WORDS)}=function(){this._${pick(WORDS)}=!0;return this}`,
  () => `if(${pick('abcdef')}.token&&${pick('abcdef')}.token.length>${int(9)})throw new Error("${pick(WORDS)}")`,
  () => `${pick('abcdef')}=${pick('abcdef')}.headers["x-api-key"]||"";`,
  () => `fetch("https://cdn.${pick(WORDS)}.com/${pick(WORDS)}.json").then(function(t){return t.json()})`,
];

// Lines that mention a secret-like word (token, password, secret, apiKey) without holding one are
// about 1 in 12, which gives roughly 2,000 keyword hits per MB: about what real application code
// has (TypeScript's own compiler, token-heavy, has 1,300 per MB).
const neutral = (lines) => lines.filter((l) => !/token|password|secret|apiKey|api_key|Bearer/i.test(l.toString()));
const weighted = (lines) => [...lines, ...neutral(lines), ...neutral(lines)];

function filler(lines, count) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = pick(lines)();
  return out;
}

const KINDS = [
  { dir: 'src', ext: '.ts', lines: weighted(JS_LINES), weight: 40 },
  { dir: 'src', ext: '.js', lines: weighted(JS_LINES), weight: 20 },
  { dir: 'app', ext: '.py', lines: weighted(PY_LINES), weight: 20 },
  { dir: 'deploy', ext: '.yaml', lines: YAML_LINES, weight: 10 },
  { dir: 'dist', ext: '.min.js', lines: null, weight: 10 },
];

/**
 * Generates the corpus into `root` (if not already there): about `megabytes` MB in folders
 * part-000, part-001, ... of ~10 MB each (part-000 is the slice for slow tools), with one planted
 * secret per ~`plantEveryKb` KB. Returns the manifest.
 */
export function ensureCorpus(root, megabytes = 200, plantEveryKb = 800) {
  const manifestPath = join(root, 'manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.version === CORPUS_VERSION && m.megabytes === megabytes) return m;
  }
  rmSync(root, { recursive: true, force: true });
  const corpus = join(root, 'corpus');
  const planted = [];
  let total = 0;
  let fileNo = 0;
  let nextPlantAt = plantEveryKb * 1024 * 0.5;
  const target = megabytes * 1048576;
  const weightSum = KINDS.reduce((a, k) => a + k.weight, 0);
  const files = [];
  while (total < target) {
    let w = int(weightSum);
    const kind = KINDS.find((k) => (w -= k.weight) < 0);
    const part = `part-${String(Math.floor(total / (10 * 1048576))).padStart(3, '0')}`;
    const rel = `${part}/${kind.dir}/${pick(WORDS)}-${pick(WORDS)}-${fileNo++}${kind.ext}`;
    let lines;
    if (kind.lines === null) {
      // A minified bundle: a few very long lines.
      const size = 200_000 + int(800_000);
      const chunks = [];
      let len = 0;
      while (len < size) {
        // About one statement in twelve mentions a keyword (token, api key, a URL).
        const bit = (int(6) === 0 ? pick(MIN_BITS_ALL) : pick(MIN_BITS_NEUTRAL))();
        chunks.push(bit);
        len += bit.length + 1;
      }
      lines = [`/*! ${pick(WORDS)} v${int(9)}.${int(9)}.${int(9)} | MIT */`, chunks.join(';')];
    } else {
      lines = filler(kind.lines, 100 + int(900));
    }
    let bytes = lines.reduce((a, l) => a + l.length + 1, 0);
    // Plant secrets as the running size passes each mark.
    while (total + bytes >= nextPlantAt) {
      const plant = PLANTS[planted.length % PLANTS.length];
      const inserted = plant.make();
      let line;
      if (kind.lines === null && inserted.length === 1) {
        // Inside the minified line, as a property of an object literal.
        const at = lines[1].indexOf(';', int(lines[1].length - 10));
        const cut = at < 0 ? lines[1].length : at + 1;
        lines[1] = `${lines[1].slice(0, cut)}${inserted[0].trim()};${lines[1].slice(cut)}`;
        line = 2;
      } else {
        const at = 1 + int(lines.length - 1);
        lines.splice(at, 0, ...inserted);
        line = at + 1;
      }
      bytes = lines.reduce((a, l) => a + l.length + 1, 0);
      planted.push({ kind: plant.kind, path: rel, line, rules: plant.rules });
      nextPlantAt += plantEveryKb * 1024;
    }
    files.push([rel, lines.join('\n') + '\n']);
    total += bytes;
    if (files.length >= 64) flush(files, corpus);
  }
  flush(files, corpus);
  // The corpus lives under .bench/ (gitignored): an empty .git marks it as its own repository top,
  // so leakguard and rg do not apply the project's .gitignore to it.
  mkdirSync(join(corpus, '.git'), { recursive: true });
  // Lines shift when several secrets go into one file: fix them from the final text.
  const manifest = { version: CORPUS_VERSION, megabytes, bytes: total, files: fileNo, planted: relocate(corpus, planted) };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1));
  return manifest;
}

function flush(files, corpus) {
  for (const [rel, text] of files.splice(0)) {
    const abs = join(corpus, rel);
    mkdirSync(abs.slice(0, abs.lastIndexOf('/')), { recursive: true });
    writeFileSync(abs, text);
  }
}

/** Recomputes each planted secret's line from the written file (earlier plants shift later ones). */
function relocate(corpus, planted) {
  const byPath = new Map();
  for (const p of planted) byPath.set(p.path, [...(byPath.get(p.path) ?? []), p]);
  const out = [];
  for (const [path, plants] of byPath) {
    const lines = readFileSync(join(corpus, path), 'utf8').split('\n');
    const seenOfKind = new Map();
    for (const p of plants) {
      const k = seenOfKind.get(p.kind) ?? 0;
      seenOfKind.set(p.kind, k + 1);
      const candidates = [];
      lines.forEach((l, i) => {
        if (l.includes(MARKERS[p.kind])) candidates.push(i);
      });
      const idx = candidates[Math.min(k, candidates.length - 1)];
      if (idx === undefined) throw new Error(`corpus: planted ${p.kind} not found in ${path}`);
      out.push({ ...p, line: idx + 1 });
    }
  }
  return out;
}

const MARKERS = {
  'github-pat': 'const GITHUB_TOKEN = "ghp_',
  'npm-token': ':_authToken=npm_',
  'aws-key-id': 'aws_access_key_id = AKIA',
  'aws-secret': 'AWS_SECRET_ACCESS_KEY: "',
  stripe: 'stripe.api_key = "sk_live_',
  'slack-bot': 'SLACK_BOT_TOKEN=xoxb-',
  'slack-webhook': 'webhook: "https://hooks.slack.com/services/T',
  'postgres-url': 'DATABASE_URL=postgres://orders:',
  'generic-password': 'const dbPassword = "',
  jwt: 'const session = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ',
  sendgrid: "SENDGRID_API_KEY='SG.",
  openai: 'OpenAI(api_key="sk-proj-',
  'google-api-key': 'apiKey: "AIza',
  'azure-storage': ';AccountKey=',
  anthropic: 'ANTHROPIC_API_KEY=sk-ant-api03-',
  datadog: 'DD_API_KEY: ',
  'rsa-private-key': '-----BEGIN RSA PRIVATE KEY-----',
};
