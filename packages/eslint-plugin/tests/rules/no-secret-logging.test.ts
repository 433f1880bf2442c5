import rule from '../../src/rules/no-secret-logging.js';
import { invalid, ruleTester, valid } from '../rule-tester.js';

ruleTester.run('no-secret-logging', rule, {
  valid: valid([
    // Lengths, booleans, comparisons and masked values say something about a secret without holding it.
    { code: 'const password = getInput(); console.log(password.length);' },
    { code: "console.log('token set:', !!process.env.API_TOKEN);" },
    { code: "console.log('has key', Boolean(process.env.API_KEY));" },
    { code: 'const apiKey = load(); console.log(mask(apiKey));' },
    { code: 'const apiKey = load(); logger.info({ apiKey: redact(apiKey) });' },
    { code: "const token = event.headers.authorization; console.log(`token ends ${token.slice(-4)}`);" },
    { code: "const secret = await sm.getSecretValue({ SecretId: id }).promise(); console.log(secret.ARN, secret.VersionId);" },
    { code: "logger.info({ password: '[REDACTED]' });" },
    { code: "console.log(createHash('sha256').update(password).digest('hex'));" },
    { code: 'console.log(typeof apiKey);' },
    { code: "console.log(password === confirm ? 'match' : 'mismatch');" },
    // Reference names: ARNs, names, ids of secrets are not the secrets.
    { code: 'console.log(process.env.DB_PASSWORD_ARN);' },
    { code: "console.log('using secret', process.env.API_KEY_SECRET_ID);" },
    { code: 'const { TOKEN_PARAM_NAME } = process.env; logger.info(TOKEN_PARAM_NAME);' },
    { code: 'console.log(config.apiKeyArn, config.vaultUrl);' },
    // Unrelated `token` words.
    { code: 'const { NextToken } = await ddb.scan(params); console.log(NextToken);' },
    { code: 'for (const t of tokenizer.tokens) console.log(t.kind);' },
    // A lexer's token is read for its type: a syntax token, not a credential.
    { code: 'function next(token) { if (debug) console.dir(token, { depth: null }); switch (token.type) { default: return token.offset; } }' },
    { code: "console.log('tokens used', usage.maxTokens, usage.tokenCount);" },
    { code: 'console.log(hasPassword, isTokenValid);' },
    // Non-secret env vars and data.
    { code: 'console.log(process.env.STAGE, process.env.AWS_REGION);' },
    { code: "const user = await db.get(id); logger.info('user', user.name);" },
    // When a token expires is not the token (azure-identity's IdentityClient logs this).
    { code: 'const token = { accessToken: body.access_token }; logger.info(`token acquired, expires on ${token.accessToken.expiresOnTimestamp}`);' },
    // SSM without decryption returns a plain String parameter.
    { code: "const p = await ssm.getParameter({ Name: '/app/table' }).promise(); console.log(p.Parameter.Value);" },
    // A promise callback over something that is not a secret.
    { code: 'ddb.send(new GetItemCommand(params)).then((r) => console.log(r.Item));' },
    // A secret that goes somewhere else than a log.
    { code: 'const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId })); connect(SecretString);' },
    // Not a logger: Math.log.
    { code: 'const secretNumber = 42; Math.log(secretNumber);' },
    // Test files are fixtures (ignoreTestFiles, on by default).
    { code: "const password = 'hunter2'; console.log(password);", filename: 'src/login.test.js' },
    { code: "const password = 'hunter2'; console.log(password);", filename: 'tests/login.ts' },
    // TypeScript only.
    { code: 'const password: string = getInput(); console.log(password.length as number);', lang: 'ts' },
    { code: 'function f(apiKey?: string): void { console.log(apiKey !== undefined); }', lang: 'ts' },
  ]),
  invalid: invalid([
    // Secret-named values.
    { code: 'const password = getInput(); console.log(password);', errors: ['secretLogged'] },
    { code: 'function login(user, password) { console.log("login", user, password); }', errors: ['secretLogged'] },
    // An OAuth token response read for its access token is still a credential.
    { code: 'const token = await oauth.getToken(code); console.log(token, token.access_token);', errors: ['secretLogged', 'secretLogged'] },
    { code: 'console.log(`auth header: ${event.headers.authorization}`);', errors: ['secretLogged'] },
    // Near-miss of the expiry case: the token object itself is logged.
    { code: 'const token = { accessToken: body.access_token }; logger.info(`token acquired: ${token.accessToken}`);', errors: ['secretLogged'] },
    { code: 'const auth = event.headers.Authorization; logger.info("auth " + auth);', errors: ['secretLogged'] },
    { code: "logger.debug({ token: req.get('x-api-key') });", errors: ['secretLogged'] },
    // process.env
    { code: 'console.log(process.env.DB_PASSWORD);', errors: ['secretLogged'] },
    { code: "console.log(process.env['STRIPE_SECRET_KEY']);", errors: ['secretLogged'] },
    { code: 'const { API_KEY } = process.env; console.info(API_KEY);', errors: ['secretLogged'] },
    { code: 'console.log(process.env);', errors: ['envLogged'] },
    { code: 'logger.info({ env: { ...process.env } });', errors: ['envLogged'] },
    { code: 'console.log(JSON.stringify(process.env, null, 2));', errors: ['envLogged'] },
    // AWS Secrets Manager, SDK v3 and v2.
    {
      code: 'const res = await client.send(new GetSecretValueCommand({ SecretId: id })); console.log(res.SecretString);',
      errors: ['secretLogged'],
    },
    {
      code: 'const { SecretString: s } = await sm.send(new GetSecretValueCommand({ SecretId })); const cfg = JSON.parse(s); logger.info(`cfg ${JSON.stringify({ ...cfg })}`);',
      errors: ['secretLogged'],
    },
    { code: 'const data = await sm.getSecretValue({ SecretId: id }).promise(); console.log(data);', errors: ['secretLogged'] },
    // SSM with decryption, KMS, Azure, GCP, Vault.
    {
      code: "const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/db/pw', WithDecryption: true })); console.log(Parameter.Value);",
      errors: ['secretLogged'],
    },
    {
      code: 'const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob })); process.stdout.write(Buffer.from(out.Plaintext).toString());',
      errors: ['secretLogged'],
    },
    { code: "const s = await secretClient.getSecret('db'); context.log('db secret', s.value);", errors: ['secretLogged'] },
    // A KMS-encrypted environment variable, decrypted (Google Cloud KMS, Azure Key Vault keys): the plaintext is a secret.
    {
      code: "const [r] = await client.decrypt({ name: keyName, ciphertext: Buffer.from(process.env.DB_PASS, 'base64') }); console.log(r.plaintext.toString());",
      errors: ['secretLogged'],
    },
    { code: "const r = await cryptoClient.decrypt('RSA-OAEP', blob); console.log(r.result);", errors: ['secretLogged'] },
    {
      code: 'const [version] = await client.accessSecretVersion({ name }); const payload = version.payload.data.toString(); console.log(payload);',
      errors: ['secretLogged'],
    },
    { code: "const r = await vault.read('secret/data/app'); log.info(r.data.data);", errors: ['secretLogged'] },
    // Through functions, awaits, template literals, concatenation, spread, later assignment.
    {
      code: 'async function dbPass() { const r = await sm.send(new GetSecretValueCommand({ SecretId })); return r.SecretString; } const p = await dbPass(); console.log("pw=" + p);',
      errors: ['secretLogged'],
    },
    {
      code: 'const fetchKey = async () => (await client.getSecret("k")).value; console.error(await fetchKey());',
      errors: ['secretLogged'],
    },
    { code: 'let s; s = process.env.JWT_SECRET; const o = { s }; console.warn({ ...o });', errors: ['secretLogged'] },
    {
      code: 'client.send(new GetSecretValueCommand({ SecretId })).then((r) => console.log(r.SecretString));',
      errors: ['secretLogged'],
    },
    { code: 'sm.getSecretValue({ SecretId }).promise().then(({ SecretString: v }) => logger.info(v));', errors: ['secretLogged'] },
    // Loggers: pino, winston, bunyan, log4js, debug, powertools, util.debuglog, stderr.
    { code: "import pino from 'pino'; const l = pino(); l.info(process.env.DB_PASSWORD);", errors: ['secretLogged'] },
    { code: "const w = winston.createLogger({}); w.error('x', { apiKey: process.env.API_KEY });", errors: ['secretLogged'] },
    { code: "const b = bunyan.createLogger({ name: 'a' }); b.warn(process.env.CLIENT_SECRET);", errors: ['secretLogged'] },
    { code: "const l4 = log4js.getLogger(); l4.debug(process.env.GITHUB_TOKEN);", errors: ['secretLogged'] },
    { code: "const dbg = require('debug')('app'); dbg('key %s', process.env.API_KEY);", errors: ['secretLogged'] },
    { code: "const dlog = util.debuglog('app'); dlog(process.env.SESSION_SECRET);", errors: ['secretLogged'] },
    { code: "const pt = new Logger({ serviceName: 'x' }); pt.info('k', { token: process.env.SLACK_TOKEN });", errors: ['secretLogged'] },
    { code: 'process.stderr.write(`password=${process.env.DB_PASSWORD}\\n`);', errors: ['secretLogged'] },
    { code: 'logger.child({ reqId }).info({ authorization: event.headers.authorization });', errors: ['secretLogged'] },
    // Configurable sinks and secret words.
    { code: 'audit.record(process.env.DB_PASSWORD);', options: [{ sinks: ['audit.record'] }], errors: ['secretLogged'] },
    { code: 'const pin = read(); console.log(pin);', options: [{ extraSecretWords: ['pin'] }], errors: ['secretLogged'] },
    // Test files when asked.
    {
      code: 'console.log(process.env.DB_PASSWORD);',
      filename: 'src/db.test.ts',
      options: [{ ignoreTestFiles: false }],
      errors: ['secretLogged'],
    },
    // TypeScript only.
    { code: 'const apiKey: string = process.env.API_KEY!; console.log(apiKey as string);', lang: 'ts', errors: ['secretLogged'] },
    {
      code: 'class Svc { constructor(private readonly logger: Logger) {} run(token: string): void { this.logger.info(`t=${token}`); } }',
      lang: 'ts',
      errors: ['secretLogged'],
    },
  ]),
});
