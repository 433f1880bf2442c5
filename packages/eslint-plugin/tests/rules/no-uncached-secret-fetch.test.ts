import rule from '../../src/rules/no-uncached-secret-fetch.js';
import { invalid, ruleTester, valid } from '../rule-tester.js';

const SM = 'const client = new SecretsManagerClient({});\n';

ruleTester.run('no-uncached-secret-fetch', rule, {
  valid: valid([
    // Fetched once per container, at module level.
    { code: `${SM}const secret = await client.send(new GetSecretValueCommand({ SecretId: ARN }));\nexport const handler = async () => use(secret);` },
    { code: `${SM}const secretPromise = client.send(new GetSecretValueCommand({ SecretId: ARN }));\nexport const handler = async () => use(await secretPromise);` },
    // The cache-with-TTL pattern.
    {
      code: `${SM}let cached; let expires = 0;\nexport const handler = async () => {\n  if (!cached || Date.now() > expires) {\n    cached = (await client.send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString;\n    expires = Date.now() + 300000;\n  }\n  return use(cached);\n};`,
    },
    { code: `${SM}let secret;\nexport const handler = async () => {\n  secret ??= await client.send(new GetSecretValueCommand({ SecretId: ARN }));\n  return use(secret);\n};` },
    { code: `${SM}let p;\nexport async function handler() { p = p || client.send(new GetSecretValueCommand({ SecretId: ARN })); return use(await p); }` },
    { code: `${SM}const cache = new Map();\nexport async function handler(event) { if (!cache.has(event.id)) cache.set(event.id, await client.send(new GetSecretValueCommand({ SecretId: event.id }))); }` },
    { code: `${SM}const cache = {};\nexports.handler = async () => { cache.db = cache.db ?? await client.send(new GetSecretValueCommand({ SecretId: ARN })); };` },
    // A helper that caches, called from the handler.
    {
      code: `${SM}let cached;\nasync function getDbPassword() {\n  if (cached) return cached;\n  cached = await client.send(new GetSecretValueCommand({ SecretId: ARN }));\n  return cached;\n}\nexport const handler = async () => use(await getDbPassword());`,
    },
    // Check-then-store with an early return, the value stored through a local.
    {
      code: `${SM}let cached;\nasync function apiKey() {\n  if (cached && cached.expires > Date.now()) return cached.value;\n  const out = await client.send(new GetSecretValueCommand({ SecretId: ARN }));\n  cached = { value: out.SecretString, expires: Date.now() + 300000 };\n  return cached.value;\n}\nexport const handler = async () => use(await apiKey());`,
    },
    // Powertools getSecret caches by itself.
    { code: "import { getSecret } from '@aws-lambda-powertools/parameters/secrets';\nexport const handler = async () => use(await getSecret('db'));" },
    // Not a handler: a CLI or a script runs once.
    { code: `${SM}async function main() { return client.send(new GetSecretValueCommand({ SecretId: ARN })); }\nmain();` },
    { code: `${SM}export async function rotate(secretId) { await client.send(new GetSecretValueCommand({ SecretId: secretId })); }` },
    // SSM without decryption is configuration, not a secret fetch.
    { code: "export const handler = async () => ssm.getParameter({ Name: '/app/table' }).promise();" },
    // Not a secret store call.
    { code: 'export const handler = async (event) => { const item = await ddb.send(new GetItemCommand({ Key: event.key })); return item; };' },
    { code: 'export const handler = async () => fetch("https://example.com/health");' },
    // Azure / GCP / Vault fetched at module level.
    { code: "const kv = new SecretClient(url, cred);\nconst dbSecret = kv.getSecret('db');\napp.http('orders', { handler: async (req, ctx) => use(await dbSecret) });" },
    { code: "const [version] = await sm.accessSecretVersion({ name: NAME });\nfunctions.http('fn', (req, res) => res.send(version ? 'ok' : 'no'));" },
    { code: "let token;\nexports.handler = async () => { if (!token) token = await vault.read('secret/data/app'); };" },
    // Class instance that outlives the invocation.
    { code: 'class Secrets { async get() { this.value ??= await this.client.send(new GetSecretValueCommand({ SecretId: ARN })); return this.value; } }' },
    // Test files.
    { code: `${SM}export const handler = async () => client.send(new GetSecretValueCommand({ SecretId: ARN }));`, filename: 'src/handler.test.ts' },
    { code: `${SM}export const handler = async () => client.send(new GetSecretValueCommand({ SecretId: ARN }));`, filename: '__tests__/handler.js' },
    // Exported non-handler helpers.
    { code: 'export async function loadConfig(name) { return sm.getSecretValue({ SecretId: name }).promise(); }' },
    { code: 'export const getKey = async (id) => kms.send(new DecryptCommand({ CiphertextBlob: id }));' },
    // Express route, cached.
    { code: "let key;\napp.get('/x', async (req, res) => { key ??= await kv.getSecret('k'); res.send('ok'); });" },
    // TypeScript only.
    { code: `${SM}let cached: string | undefined;\nexport const handler = async (): Promise<string> => {\n  cached ??= (await client.send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString!;\n  return cached;\n};`, lang: 'ts' },
    { code: `${SM}const secret: Promise<unknown> = client.send(new GetSecretValueCommand({ SecretId: ARN }));\nexport const handler = async (): Promise<unknown> => secret;`, lang: 'ts' },
  ]),
  invalid: invalid([
    { code: `${SM}export const handler = async () => {\n  const s = await client.send(new GetSecretValueCommand({ SecretId: ARN }));\n  return use(s);\n};`, errors: [{ messageId: 'uncachedFetch', line: 3 }] },
    { code: `export async function handler(event) {\n  const client = new SecretsManagerClient({});\n  return client.send(new GetSecretValueCommand({ SecretId: ARN }));\n}`, errors: ['uncachedFetch'] },
    { code: 'exports.handler = async (event) => { const d = await sm.getSecretValue({ SecretId: ARN }).promise(); return d; };', errors: ['uncachedFetch'] },
    { code: 'module.exports.handler = async () => { await sm.getSecretValue({ SecretId: ARN }).promise(); };', errors: ['uncachedFetch'] },
    { code: 'module.exports = async function (context, req) { const s = await kv.getSecret("db"); context.res = { body: "ok" }; };', errors: ['uncachedFetch'] },
    { code: "export const handler = async () => { const p = await ssm.send(new GetParameterCommand({ Name: '/db', WithDecryption: true })); };", errors: ['uncachedFetch'] },
    { code: "export const handler = async () => ssm.getParameters({ Names: ['/a'], WithDecryption: true }).promise();", errors: ['uncachedFetch'] },
    { code: 'export const handler = async (event) => kms.send(new DecryptCommand({ CiphertextBlob: event.blob }));', errors: ['uncachedFetch'] },
    { code: "app.http('orders', { methods: ['GET'], handler: async (request, context) => { const s = await kv.getSecret('db'); return { body: 'ok' }; } });", errors: ['uncachedFetch'] },
    { code: "functions.http('fn', async (req, res) => { const [v] = await sm.accessSecretVersion({ name: NAME }); res.send('ok'); });", errors: ['uncachedFetch'] },
    { code: "exports.fn = async (req, res) => { const s = await vault.read('secret/data/app'); res.send('ok'); };", errors: ['uncachedFetch'] },
    { code: "export const handler = middy(async (event) => { await client.send(new GetSecretValueCommand({ SecretId: ARN })); }).use(cors());", errors: ['uncachedFetch'] },
    { code: "export default async function (event) { await client.send(new GetSecretValueCommand({ SecretId: ARN })); }", errors: ['uncachedFetch'] },
    { code: "export const main = async () => client.send(new BatchGetSecretValueCommand({ SecretIdList: IDS }));", errors: ['uncachedFetch'] },
    { code: "app.post('/pay', async (req, res) => { const key = await kv.getSecret('stripe'); res.json({ ok: true }); });", errors: ['uncachedFetch'] },
    // Inside a callback within the handler: still once per invocation.
    { code: 'export const handler = async (event) => Promise.all(event.ids.map((id) => client.send(new GetSecretValueCommand({ SecretId: id }))));', errors: ['uncachedFetch'] },
    // Cached into a variable local to the handler: lost after the invocation.
    { code: 'export const handler = async () => { let cached; cached ??= await client.send(new GetSecretValueCommand({ SecretId: ARN })); return cached; };', errors: ['uncachedFetch'] },
    { code: 'export const handler = async () => { const cache = new Map(); cache.set("k", await client.send(new GetSecretValueCommand({ SecretId: ARN }))); };', errors: ['uncachedFetch'] },
    // Writing outer state that is never checked is not a cache.
    { code: 'let calls = 0; let last;\nexport const handler = async () => { calls += 1; last = await client.send(new GetSecretValueCommand({ SecretId: ARN })).then((r) => r.Name); };', errors: ['uncachedFetch'] },
    // Guarded by a local condition only.
    { code: 'export const handler = async (event) => { if (event.refresh) { await client.send(new GetSecretValueCommand({ SecretId: ARN })); } };', errors: ['uncachedFetch'] },
    // A helper without a cache, called from the handler.
    { code: 'async function getDbPassword() { const r = await client.send(new GetSecretValueCommand({ SecretId: ARN })); return r.SecretString; }\nexport const handler = async () => use(await getDbPassword());', errors: [{ messageId: 'uncachedHelper', line: 2 }] },
    { code: 'const loadKey = () => kv.getSecret("k");\nexports.handler = async () => { const k = await loadKey(); };', errors: ['uncachedHelper'] },
    { code: 'function fetchSecret() { return sm.getSecretValue({ SecretId: ARN }).promise(); }\nexport async function handler(event) { return fetchSecret(); }', errors: ['uncachedHelper'] },
    // Test files when asked.
    { code: 'export const handler = async () => client.send(new GetSecretValueCommand({ SecretId: ARN }));', filename: 'src/h.test.ts', options: [{ ignoreTestFiles: false }], errors: ['uncachedFetch'] },
    // TypeScript only.
    { code: "import type { APIGatewayProxyHandler } from 'aws-lambda';\nexport const handler: APIGatewayProxyHandler = async (event) => {\n  const s = await client.send(new GetSecretValueCommand({ SecretId: ARN! }));\n  return { statusCode: 200, body: 'ok' };\n};", lang: 'ts', errors: ['uncachedFetch'] },
    { code: 'export async function handler(event: unknown): Promise<void> { await (client as SecretsManagerClient).send(new GetSecretValueCommand({ SecretId: ARN })); }', lang: 'ts', errors: ['uncachedFetch'] },
    { code: 'async function getKey(): Promise<string> { return (await kv.getSecret("k")).value!; }\nexport const handler = async (): Promise<void> => { await getKey(); };', lang: 'ts', errors: ['uncachedHelper'] },
  ]),
});
