/**
 * Kubernetes manifests and Docker Compose files: Secret data decoded and judged, stringData and
 * docker registry credentials, `name`/`value` environment pairs, Compose `environment:` lists and
 * maps. References, placeholders, `valueFrom` and empty values pass.
 */
import { describe, expect, it } from 'vitest';
import { SecretEngine, oneAlertPerSecret } from '@leakguard/core';
import { ComposeScanner, KubernetesScanner } from '@leakguard/scanner-docker';
import { planted } from '../../cloudformation/tests/helpers.js';

const engine = new SecretEngine();
const { password: PASSWORD, b64 } = planted;
const PEM = planted.pem('EC', 120);
const k8s = new KubernetesScanner();
const compose = new ComposeScanner();
const TOKEN = 'tk_' + b64(PASSWORD).slice(0, 20);

async function run(scanner: KubernetesScanner | ComposeScanner, path: string, text: string) {
  expect(scanner.accepts({ path, text })).toBe(true);
  const out = await scanner.scan({ path, text }, { secrets: engine });
  return { drafts: oneAlertPerSecret(out.drafts), notifications: out.notifications };
}
const summary = async (scanner: KubernetesScanner | ComposeScanner, path: string, text: string) =>
  (await run(scanner, path, text)).drafts.map((d) => `${d.ruleId}@${d.region.startLine}:${d.region.startColumn}`).sort();

const secret = (body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\n${body}`;
const pod = (env: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1\n          env:\n${env}`;

describe('Kubernetes: findings', () => {
  it.each<[string, string, string[]]>([
    ['a Secret\'s base64 data value under a secret-like key', secret(`data:\n  password: ${b64(PASSWORD)}\n`), ['secret/literal-secret-attribute@7:13']],
    ['a private key in a Secret\'s data (decoded, through the catalog)', secret(`data:\n  tls.key: ${b64(PEM)}\n`), ['secret/private-key-ec@7:12']],
    ['stringData as written', secret(`stringData:\n  api_token: ${TOKEN}\n`), ['secret/literal-secret-attribute@7:14']],
    ['a .dockerconfigjson password and auth', secret(`type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(JSON.stringify({ auths: { 'registry.example.com': { username: 'ci', password: PASSWORD + 'x', auth: b64(`ci:${PASSWORD}y`) } } }))}\n`), ['secret/docker-config-auth@8:22', 'secret/literal-secret-attribute@8:22']],
    ['a legacy .dockercfg auth (the catalog\'s rule, in the decoded text)', secret(`data:\n  .dockercfg: ${b64(JSON.stringify({ 'https://index.docker.io/v1/': { auth: b64(`ci:${PASSWORD}`), email: 'ci@example.com' } }))}\n`), ['secret/docker-config-auth@7:15']],
    ['a container env name/value pair', pod(`            - name: DB_PASSWORD\n              value: ${PASSWORD}\n`), ['env/secret-literal@13:22']],
    ['a quoted value', pod(`            - name: API_TOKEN\n              value: "${TOKEN}"\n`), ['env/secret-literal@13:23']],
    ['a nested value: under a secret-like key', `apiVersion: example.com/v1\nkind: AppConfig\nmetadata:\n  name: app\nspec:\n  DB_PASSWORD:\n    value: ${PASSWORD}\n`, ['env/secret-literal@7:12']],
    ['a Secret in a List (kubectl get -o yaml), the item\'s apiVersion left to the list', `apiVersion: v1\nkind: List\nitems:\n  - kind: Secret\n    metadata:\n      name: db\n    data:\n      password: ${b64(PASSWORD)}\nmetadata:\n  resourceVersion: ""\n`, ['secret/literal-secret-attribute@8:17']],
    ['a SecretList\'s items', `apiVersion: v1\nkind: SecretList\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: a\n  stringData:\n    api_token: ${TOKEN}\n`, ['secret/literal-secret-attribute@9:16']],
    ['the second document of a stream', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  LOG_LEVEL: info\n---\n${secret(`data:\n  password: ${b64(PASSWORD)}\n`)}`, ['secret/literal-secret-attribute@14:13']],
  ])('%s', async (_n, text, expected) => {
    expect(await summary(k8s, 'deploy/app.yaml', text)).toEqual(expected);
  });

  it('says the value was judged decoded, and keeps the decoded secret for hashing', async () => {
    const { drafts } = await run(k8s, 'secret.yaml', secret(`data:\n  password: ${b64(PASSWORD)}\n`));
    expect(drafts.map((d) => [d.message, d.secret])).toEqual([['password is set to a literal secret in Secret/db.data.password (written base64-encoded; judged decoded).', PASSWORD]]);
  });
});

describe('Kubernetes: references and near-misses pass', () => {
  it.each<[string, string]>([
    ['non-secret keys of a Secret', secret(`data:\n  username: ${b64('admin')}\n  host: ${b64('db.internal')}\n  port: ${b64('5432')}\n`)],
    ['a placeholder in a Secret', secret(`data:\n  password: ${b64('changeme')}\nstringData:\n  api_token: <your-token-here>\n`)],
    ['an empty Secret value', secret('data:\n  password: ""\nstringData:\n  api_token: ""\n')],
    ['a data value that is not base64', secret('data:\n  password: not base64 at all\n')],
    ['valueFrom a secretKeyRef', pod('            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db\n                  key: password\n')],
    ['a dependent variable $(VAR)', pod('            - name: DB_PASSWORD\n              value: $(RAW_DB_PASSWORD)\n')],
    ['a secret-like name holding a file path', pod('            - name: GOOGLE_APPLICATION_CREDENTIALS\n              value: /var/secrets/google/key.json\n')],
    ['a non-secret env name', pod(`            - name: LOG_LEVEL\n              value: debug\n            - name: TOKEN_TTL\n              value: "3600"\n`)],
    ['an empty value', pod('            - name: DB_PASSWORD\n              value: ""\n')],
    ['a List of non-secret objects', `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n    data:\n      LOG_LEVEL: debug\n`],
    ['a Secret Manager reference', pod('            - name: DB_PASSWORD\n              value: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\n')],
  ])('%s', async (_n, text) => {
    expect(await summary(k8s, 'deploy/app.yaml', text)).toEqual([]);
  });

  it.each<[string, string]>([
    ['a Helm template (not YAML until rendered)', `apiVersion: v1\nkind: Secret\ndata:\n  password: {{ .Values.password | b64enc }}\n`],
    ['YAML without a top-level kind', 'apiVersion: 1\nsettings:\n  kind: x\n'],
    ['a Compose file', 'services:\n  a:\n    image: x\n'],
  ])('is not taken as a manifest: %s', (_n, text) => {
    expect(k8s.accepts({ path: text.startsWith('services') ? 'docker-compose.yml' : 'chart/templates/secret.yaml', text })).toBe(false);
  });

  it('reads the other documents when one does not parse, and says which', async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n---\n${secret(`data:\n  password: ${b64(PASSWORD)}\n`)}`;
    const { drafts, notifications } = await run(k8s, 'app.yaml', text);
    expect(drafts.map((d) => d.ruleId)).toEqual(['secret/literal-secret-attribute']);
    expect(notifications.map((n) => n.kind)).toEqual(['parse-error']);
  });
});

describe('Kubernetes: bounds', () => {
  it('reads at most 1,000 documents of a stream, cut before parsing, and says where', async () => {
    const filler = '---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n'.repeat(1200);
    const late = secret(`data:\n  password: ${b64(PASSWORD)}\n`);
    const text = `${secret(`data:\n  password: ${b64(PASSWORD)}\n`)}${filler}---\n${late}`;
    const { drafts, notifications } = await run(k8s, 'many.yaml', text);
    // The first Secret is judged; the one after document 1,000 is not (the catalog still reads its line).
    expect(drafts.filter((d) => d.ruleId === 'secret/literal-secret-attribute').map((d) => d.region.startLine)).toEqual([7]);
    expect(notifications.map((n) => [n.message, n.line])).toEqual([['Kubernetes manifest could not be parsed at 5003:1: more than 1000 documents (the rest were not read)', 5003]]);
  });
});

describe('Docker Compose environment', () => {
  const file = (env: string) => `services:\n  api:\n    image: api:1\n    environment:\n${env}`;
  it.each<[string, string, string[]]>([
    ['a - KEY=value list item', file(`      - DB_PASSWORD=${PASSWORD}\n`), ['env/secret-literal@5:21']],
    ['a quoted list item', file(`      - "API_TOKEN=${TOKEN}"\n`), ['env/secret-literal@5:20']],
    ['a map', file(`      POSTGRES_PASSWORD: ${PASSWORD}\n`), ['env/secret-literal@5:26']],
  ])('%s', async (_n, text, expected) => {
    expect(await summary(compose, 'docker-compose.yml', text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['${VAR} and $VAR interpolated from the shell or .env', file('      - DB_PASSWORD=${DB_PASSWORD}\n      - API_TOKEN=$API_TOKEN\n      - SECRET_KEY=${SECRET_KEY:?set it}\n')],
    ['a map with ${VAR}', file('      DB_PASSWORD: ${DB_PASSWORD}\n')],
    ['a passed-through name', file('      - DB_PASSWORD\n')],
    ['an empty value in a list', file('      - DB_PASSWORD=\n')],
    ['an empty value in a map', file('      API_TOKEN: ""\n')],
    ['a placeholder', file('      POSTGRES_PASSWORD: changeme\n')],
    ['non-secret settings', file('      - NODE_ENV=production\n      - TOKEN_TTL=3600\n')],
  ])('%s: nothing', async (_n, text) => {
    expect(await summary(compose, 'compose.yaml', text)).toEqual([]);
  });

  it('takes Compose files by name only', () => {
    for (const path of ['docker-compose.yml', 'compose.yaml', 'deploy/docker-compose.prod.yml', 'compose.override.yaml']) expect(compose.accepts({ path, text: '' })).toBe(true);
    for (const path of ['composer.yaml', 'app.yml', 'docker-compose.yml.md']) expect(compose.accepts({ path, text: '' })).toBe(false);
  });
});
