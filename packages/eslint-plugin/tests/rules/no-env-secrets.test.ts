import rule from '../../src/rules/no-env-secrets.js';
import { invalid, ruleTester, valid } from '../rule-tester.js';

ruleTester.run('no-env-secrets', rule, {
  valid: valid([
    // References to a secret store: the good pattern.
    { code: 'const arn = process.env.DB_PASSWORD_ARN;' },
    { code: 'const id = process.env.API_KEY_SECRET_ID;' },
    { code: 'const name = process.env.STRIPE_KEY_SECRET_NAME;' },
    { code: 'const p = process.env.DB_PASSWORD_PARAMETER;' },
    { code: 'const p = process.env.TOKEN_PARAM_NAME;' },
    { code: 'const k = process.env.KMS_KEY_ID;' },
    { code: 'const v = process.env.KEY_VAULT_URL;' },
    { code: "const { API_KEY_SECRET_ARN, DB_PASSWORD_SSM_PATH } = process.env;" },
    { code: "const gcp = Deno.env.get('API_KEY_VERSION_NAME');" },
    // Non-secret settings.
    { code: 'const stage = process.env.STAGE;' },
    { code: "const region = process.env['AWS_REGION'];" },
    { code: 'const { TABLE_NAME, LOG_LEVEL } = process.env;' },
    { code: 'const mode = process.env.AUTH_MODE;' },
    { code: 'const ttl = process.env.TOKEN_TTL;' },
    { code: 'const enabled = process.env.ENABLE_AUTH === "true";' },
    { code: 'const url = import.meta.env.VITE_API_URL;' },
    { code: 'const port = Bun.env.PORT;' },
    { code: 'const next = process.env.NEXT_TOKEN_MARKER;' },
    // Dynamic names are not guessed.
    { code: 'const v = process.env[name];' },
    // Not the environment (a `let` alias may be reassigned: not guessed).
    { code: 'let env = process.env; env = loadConfig(); const pw = env.DB_PASSWORD;' },
    { code: 'const env = process.env; const stage = env.STAGE;' },
    { code: 'const pw = config.DB_PASSWORD;' },
    { code: 'const { API_KEY } = settings;' },
    // Allow-listed names.
    { code: 'const k = process.env.PUBLIC_API_KEY;', options: [{ allow: ['PUBLIC_API_KEY'] }] },
    { code: 'const k = process.env.DB_PASSWORD_REF_V2;', options: [{ referenceSuffixes: ['_REF_V2'] }] },
    // Writing a placeholder or a reference, deleting.
    { code: "process.env.API_KEY = 'test';" },
    { code: "process.env.DB_PASSWORD_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db';" },
    { code: 'delete process.env.API_KEY;' },
    // Test files set fake secrets into the environment.
    { code: 'const k = process.env.API_KEY;', filename: 'src/__tests__/api.ts' },
    { code: "process.env.STRIPE_SECRET_KEY = 'sk_test_abcdefghijkl';", filename: 'src/pay.spec.js' },
    // KMS-encrypted variables: the environment holds ciphertext, decrypted at run time.
    { code: "const [r] = await client.decrypt({ name: keyName, ciphertext: Buffer.from(process.env.DB_PASS, 'base64') });" },
    { code: 'const r = await kmsClient.decrypt({ name: keyName, ciphertext: process.env.DB_PASSWORD });' },
    { code: "const out = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY, 'base64') }));" },
    { code: "const r = await cryptoClient.decrypt('RSA-OAEP', Buffer.from(process.env.CLIENT_SECRET, 'base64'));" },
    { code: "const r = await kms.decrypt({ CiphertextBlob: Buffer.from(Deno.env.get('API_TOKEN'), 'base64') }).promise();" },
    // TypeScript only.
    { code: "const [r] = await client.decrypt({ name, ciphertext: Buffer.from(process.env.DB_PASS!, 'base64') });", lang: 'ts' },
    { code: 'const arn: string = process.env.DB_PASSWORD_ARN!;', lang: 'ts' },
    { code: 'const stage = process.env.STAGE as "dev" | "prod";', lang: 'ts' },
  ]),
  invalid: invalid([
    { code: 'const pw = process.env.DB_PASSWORD;', errors: ['secretFromEnv'] },
    { code: "const key = process.env['API_KEY'];", errors: ['secretFromEnv'] },
    { code: 'const key = process.env[`STRIPE_SECRET_KEY`];', errors: ['secretFromEnv'] },
    { code: 'const { TOKEN } = process.env;', errors: ['secretFromEnv'] },
    { code: 'const { GITHUB_TOKEN: gh, STAGE } = process.env;', errors: ['secretFromEnv'] },
    { code: 'const { JWT_SECRET = "dev" } = process.env;', errors: ['secretFromEnv'] },
    { code: 'let k; ({ API_KEY: k } = process.env);', errors: ['secretFromEnv'] },
    { code: 'const key = import.meta.env.VITE_STRIPE_SECRET_KEY;', errors: ['secretFromEnv'] },
    { code: "const t = Deno.env.get('SLACK_BOT_TOKEN');", errors: ['secretFromEnv'] },
    { code: 'const t = Bun.env.OPENAI_API_KEY;', errors: ['secretFromEnv'] },
    { code: 'connect({ password: process.env.PGPASSWORD });', errors: ['secretFromEnv'] },
    { code: 'const c = process.env.DATABASE_CONNECTION_STRING;', errors: ['secretFromEnv'] },
    { code: 'const s = process.env.CLIENT_SECRET;', errors: ['secretFromEnv'] },
    // Not a decrypt: encrypting, or a ciphertext key of some other call.
    { code: 'const r = await client.encrypt({ name, plaintext: process.env.DB_PASS });', errors: ['secretFromEnv'] },
    { code: 'send({ ciphertext: process.env.DB_PASS });', errors: ['secretFromEnv'] },
    { code: 'decrypt({ name, aad: process.env.DB_PASS });', errors: ['secretFromEnv'] },
    { code: 'const p = process.env.PRIVATE_KEY;', errors: ['secretFromEnv'] },
    { code: 'const a = process.env.AWS_SECRET_ACCESS_KEY;', errors: ['secretFromEnv'] },
    { code: 'const w = process.env.SLACK_WEBHOOK;', errors: ['secretFromEnv'] },
    { code: 'const s = process.env.sessionSecret;', errors: ['secretFromEnv'] },
    { code: 'const h = process.env.HMAC_KEY;', errors: ['secretFromEnv'] },
    { code: 'if (!process.env.API_TOKEN) throw new Error("missing");', errors: ['secretFromEnv'] },
    { code: 'const both = [process.env.DB_PASSWORD, process.env.DB_PASSWORD_ARN];', errors: ['secretFromEnv'] },
    { code: 'const dsn = process.env.SENTRY_DSN;', errors: ['secretFromEnv'] },
    // Aliases of the environment.
    { code: 'const env = process.env; const pw = env.DB_PASSWORD;', errors: ['secretFromEnv'] },
    { code: 'const { env } = process; const { API_KEY } = env;', errors: ['secretFromEnv'] },
    // Writing a literal secret into the environment.
    { code: `process.env.STRIPE_SECRET_KEY = '${'sk_live_51H8' + 'x9fK2qL7xZ0pR4tY'}';`, errors: ['secretWrittenToEnv'] },
    // An alphabet run after a fixed prefix is a made-up value, not a key.
    // (see no-hardcoded-secrets for the valid side)
    { code: "process.env['DB_PASSWORD'] = 'Tr0ub4dor&3xyz';", errors: ['secretWrittenToEnv'] },
    // Configurable words.
    { code: 'const pin = process.env.CARD_PIN;', options: [{ extraSecretWords: ['pin'] }], errors: ['secretFromEnv'] },
    // Test files when asked.
    { code: 'const k = process.env.API_KEY;', filename: 'src/api.test.ts', options: [{ ignoreTestFiles: false }], errors: ['secretFromEnv'] },
    // TypeScript only.
    { code: 'const pw: string = process.env.DB_PASSWORD!;', lang: 'ts', errors: ['secretFromEnv'] },
    { code: 'const key = (process.env.API_KEY as string).trim();', lang: 'ts', errors: ['secretFromEnv'] },
    { code: 'const { ADMIN_PASSWORD } = process.env as Record<string, string>;', lang: 'ts', errors: ['secretFromEnv'] },
  ]),
});
