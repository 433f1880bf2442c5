import rule from '../../src/rules/no-secret-in-response.js';
import { invalid, ruleTester, valid } from '../rule-tester.js';

const FETCH = 'const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: ARN }));\n';

ruleTester.run('no-secret-in-response', rule, {
  valid: valid([
    // Only what the client needs.
    { code: `export const handler = async () => { ${FETCH} await connect(SecretString); return { statusCode: 200, body: JSON.stringify({ ok: true }) }; };` },
    { code: "export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ configured: !!process.env.API_KEY }) });" },
    { code: 'export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ keyLength: process.env.API_KEY.length }) });' },
    { code: "app.get('/k', (req, res) => res.json({ last4: mask(process.env.API_KEY) }));" },
    { code: "app.get('/k', (req, res) => res.send(`key ends ${process.env.API_KEY.slice(-4)}`));" },
    // References are fine to return.
    { code: 'export const handler = async () => ({ statusCode: 200, body: process.env.DB_PASSWORD_ARN });' },
    { code: "res.json({ secretId: process.env.API_KEY_SECRET_ID, vault: process.env.KEY_VAULT_URL });" },
    // Sending a secret in a request to an API is its purpose.
    { code: "await fetch(url, { method: 'POST', headers: {}, body: JSON.stringify({ apiKey: process.env.API_KEY }) });" },
    { code: "const req = { method: 'POST', body: process.env.WEBHOOK_SECRET, statusCode: 0 };" },
    { code: 'await axios.post(url, { token: process.env.SLACK_TOKEN });' },
    // Unrelated tokens.
    { code: "res.json({ nextToken: page.NextToken, tokens: usage.tokenCount });" },
    { code: 'export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ items, NextToken: result.NextToken }) });' },
    // Errors that name the secret, not its value.
    { code: "throw new Error(`secret ${process.env.API_KEY_SECRET_ID} could not be read`);" },
    { code: "if (!process.env.API_KEY) throw new Error('API_KEY is not set');" },
    { code: "throw new Error(`password must be at least 12 characters, got ${password.length}`);" },
    // Not a response: a local object, a log, a return from a helper.
    { code: 'function creds() { return { user, password: process.env.DB_PASSWORD }; }' },
    { code: 'function body() { return { body: process.env.DB_PASSWORD }; }' },
    { code: 'const payload = { body: process.env.DB_PASSWORD };' },
    { code: "export function helper() { return process.env.API_KEY; }" },
    // Returning a secret from a handler callback (Array.map) is not the handler's result.
    { code: 'export const handler = async (event) => { event.items.map((i) => { return i.password; }); return { statusCode: 204 }; };' },
    // Library code seen on real packages (json5, aws-sdk v2, aws-cdk-lib, @google-cloud/storage): a CommonJS export
    // is not a handler unless its name or first parameter says so; `callback` outside a handler is not a response;
    // CONSTANT members of enum-like objects name a kind of secret.
    { code: 'module.exports = function parse(text, reviver) { const token = lex(text); return token; };' },
    { code: 'exports.fromUrl = function (giturl, opts) { const auth = parsed.password; return [host, auth]; };' },
    { code: 'function resolve(callback) { provider.refresh((err) => callback(err, self.credentials)); }' },
    { code: "throw new Error(`cannot set trustStore when mode is '${MutualAuthenticationMode.PASS_THROUGH}'`);" },
    { code: "throw new Error(`${ClientPasswordAuthType.MYSQL_NATIVE_PASSWORD} requires MySQL`);" },
    { code: 'throw new Error(StorageExceptionMessages.HMAC_SERVICE_ACCOUNT);' },
    // Lexers' and parsers' tokens (type-check, postcss): a parse error's wording, or a token read as a tuple.
    { code: "function consumeIdent(tokens) { var token = peek(tokens); if (!re.test(token)) throw new Error(\"Expected text, got '\" + token + \"' instead.\"); }" },
    { code: 'function parse(token) { throw new Error(`Unexpected token ${token}`); }' },
    { code: "function unknownWord(token) { throw new Error('Unknown word ' + token); }" },
    { code: "function unclosed(token) { if (token[0] === 'word') throw this.input.error('Unclosed block', { offset: token[2] }); }" },
    // A setting read from a secret-like object is not the secret (aws-cdk-lib).
    { code: 'throw new ValidationError(`defaultRedirectUri must match the pattern, got ${props.oAuth.defaultRedirectUri}`);' },
    { code: "throw new Error(`authorizationType should be AWS_IAM or JWT but was '${this.authBindResult.authorizationType}'`);" },
    // Hashed values.
    { code: "res.send(createHash('sha256').update(process.env.API_KEY).digest('hex'));" },
    // Test files.
    { code: "app.get('/k', (req, res) => res.send(process.env.API_KEY));", filename: 'src/app.test.js' },
    { code: "app.get('/k', (req, res) => res.send(process.env.API_KEY));", filename: 'test/app.ts' },
    // TypeScript only.
    { code: 'export const handler = async (): Promise<{ statusCode: number; body: string }> => ({ statusCode: 200, body: String(!!process.env.API_KEY) });', lang: 'ts' },
    { code: 'throw new Error(`missing ${process.env.API_KEY_SECRET_ID as string}`);', lang: 'ts' },
  ]),
  invalid: invalid([
    // Lambda proxy responses.
    { code: `export const handler = async () => { ${FETCH} return { statusCode: 200, body: SecretString }; };`, errors: ['secretInResponse'] },
    { code: 'export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ key: process.env.API_KEY }) });', errors: ['secretInResponse'] },
    { code: 'export async function handler(event) { const pw = process.env.DB_PASSWORD; return { statusCode: 200, body: JSON.stringify({ debug: { pw } }) }; }', errors: ['secretInResponse'] },
    { code: 'exports.handler = async (event) => { return { statusCode: 200, body: `auth was ${event.headers.authorization}` }; };', errors: ['secretInResponse'] },
    { code: 'exports.handler = (event, context, callback) => { callback(null, { statusCode: 200, body: process.env.JWT_SECRET }); };', errors: ['secretInResponse'] },
    { code: 'exports.handler = (event, context, callback) => { callback(null, process.env.JWT_SECRET); };', errors: ['secretInResponse'] },
    // CommonJS exports that are handlers by their parameters or their own name.
    { code: 'exports.getUser = async (event) => { return process.env.DB_PASSWORD; };', errors: ['secretInResponse'] },
    { code: 'module.exports = function handler() { return process.env.API_KEY; };', errors: ['secretInResponse'] },
    { code: 'exports.createUser = (event, context, callback) => { callback(null, process.env.JWT_SECRET); };', errors: ['secretInResponse'] },
    // A CONSTANT member of an object that is not enum-like is still a secret.
    { code: 'throw new Error(`bad ${config.DB_PASSWORD}`);', errors: ['secretInError'] },
    { code: 'throw new Error(`bad ${Secrets.DB_PASSWORD}`);', errors: ['secretInError'] },
    { code: 'export const handler = async () => { const s = await sm.getSecretValue({ SecretId: ARN }).promise(); return s; };', errors: ['secretInResponse'] },
    { code: 'export const handler = async () => process.env;', errors: ['secretInResponse'] },
    // Any object with a status and a body.
    { code: 'function ok(x) { return { status: 200, body: { ...x, token: process.env.GITHUB_TOKEN } }; }', errors: ['secretInResponse'] },
    // Express, Fastify, Koa.
    { code: "app.get('/k', (req, res) => res.send(process.env.API_KEY));", errors: ['secretInResponse'] },
    { code: "app.get('/k', (req, res) => { res.status(200).json({ apiKey: process.env.API_KEY }); });", errors: ['secretInResponse'] },
    { code: "router.get('/k', async (req, res) => { const s = await kv.getSecret('db'); res.json(s); });", errors: ['secretInResponse'] },
    { code: "fastify.get('/k', async (request, reply) => reply.code(200).send({ password: process.env.DB_PASSWORD }));", errors: ['secretInResponse'] },
    { code: 'app.use(async (ctx) => { ctx.body = { secret: process.env.CLIENT_SECRET }; });', errors: ['secretInResponse'] },
    { code: "http.createServer((req, res) => { res.end(process.env.SESSION_SECRET); });", errors: ['secretInResponse'] },
    // Azure Functions and fetch-style Response.
    { code: 'module.exports = async function (context, req) { context.res = { body: process.env.DB_PASSWORD }; };', errors: ['secretInResponse'] },
    { code: "app.http('k', { handler: async (request, context) => ({ jsonBody: { key: process.env.API_KEY } }) });", errors: ['secretInResponse'] },
    { code: 'export default { fetch: () => new Response(process.env.API_TOKEN) };', errors: ['secretInResponse'] },
    { code: 'export const GET = () => Response.json({ key: process.env.STRIPE_SECRET_KEY });', errors: ['secretInResponse'] },
    // GCP: accessSecretVersion payload.
    { code: "functions.http('k', async (req, res) => { const [v] = await sm.accessSecretVersion({ name }); res.send(v.payload.data.toString()); });", errors: ['secretInResponse'] },
    // Thrown errors.
    { code: 'throw new Error(`bad key ${process.env.API_KEY}`);', errors: ['secretInError'] },
    { code: "const { SecretString } = await sm.send(new GetSecretValueCommand({ SecretId })); if (!valid(SecretString)) throw new Error('invalid secret: ' + SecretString);", errors: ['secretInError'] },
    { code: 'function check(password) { if (weak(password)) throw new ValidationError(`weak password ${password}`); }', errors: ['secretInError'] },
    { code: 'throw process.env.DB_PASSWORD;', errors: ['secretInError'] },
    // Near-misses of the parser and setting cases: an auth check's wording, a named token, the object itself.
    { code: 'function verify(token) { if (!ok(token)) throw new Error(`Invalid token ${token}`); }', errors: ['secretInError'] },
    { code: 'function parse(apiToken) { throw new Error(`Unexpected token ${apiToken}`); }', errors: ['secretInError'] },
    { code: 'throw new ValidationError(`bad OAuth settings ${JSON.stringify(props.oAuth)}`);', errors: ['secretInError'] },
    { code: 'throw new Error(`bad client secret ${props.oAuth.clientSecret}`);', errors: ['secretInError'] },
    // Test files when asked.
    { code: "app.get('/k', (req, res) => res.send(process.env.API_KEY));", filename: 'src/app.test.js', options: [{ ignoreTestFiles: false }], errors: ['secretInResponse'] },
    // TypeScript only.
    { code: "import type { APIGatewayProxyHandler } from 'aws-lambda';\nexport const handler: APIGatewayProxyHandler = async () => ({ statusCode: 200, body: process.env.API_KEY! });", lang: 'ts', errors: ['secretInResponse'] },
    { code: 'export async function handler(): Promise<string> { const k = (await kv.getSecret("k")).value as string; return k; }', lang: 'ts', errors: ['secretInResponse'] },
  ]),
});
