/**
 * Container images of functions (Lambda container images, Cloud Run, Azure Functions on
 * containers): the facts a Dockerfile scanner extracts and the `container/*` checks on them. An
 * image is shared and cached; whatever a layer or its configuration holds is readable by everyone
 * who can pull it (`docker history`, `docker inspect`, the layer tarballs).
 */
import { isSecretLikeName } from '../env/names.js';
import type { Positioned } from '../facts.js';
import type { Region } from '../finding.js';
import type { RuleMeta } from '../rule-meta.js';
import type { CheckIssue } from './judge.js';
import { meta as checkMeta } from './rules.js';
import { classifyLiteral, isSecretCandidate, SETTING_SUFFIXES } from './values.js';

/** `ENV NAME=value` / `ENV NAME value`. */
export interface ContainerEnvFact {
  source: string;
  name: Positioned<string>;
  /** The value as written (quotes removed); `$VAR` references are kept as written. */
  value: Positioned<string>;
  /** Names of the build arguments the value expands (`$DB_PASSWORD`, `${DB_PASSWORD}`). */
  expands: string[];
}

/** `ARG NAME[=default]`. */
export interface ContainerArgFact {
  source: string;
  name: Positioned<string>;
  defaultValue?: Positioned<string>;
}

/** A file `COPY` / `ADD` takes from the build context (not `--from` another stage). */
export interface ContainerCopyFact {
  source: string;
  path: Positioned<string>;
}

export interface ContainerFacts {
  envs: ContainerEnvFact[];
  args: ContainerArgFact[];
  copies: ContainerCopyFact[];
}

export function emptyContainerFacts(): ContainerFacts {
  return { envs: [], args: [], copies: [] };
}

export const CONTAINER_RULE_IDS = {
  secretInEnv: 'container/secret-in-env',
  secretBuildArg: 'container/secret-build-arg',
  copiesSecretFile: 'container/copies-secret-file',
} as const;

const meta = (m: Parameters<typeof checkMeta>[0]): RuleMeta => checkMeta({ ...m, tags: ['container', ...m.tags] });

const BUILD_SECRET = `**At build time**, mount the secret for the one \`RUN\` that needs it; it is never written to a layer:
\`\`\`dockerfile
# syntax=docker/dockerfile:1
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
\`\`\`
\`docker build --secret id=npm_token,env=NPM_TOKEN .\` (BuildKit; Cloud Build: \`availableSecrets\` + \`secretEnv\`; GitHub Actions: \`docker/build-push-action\` \`secrets:\`).`;

const RUN_TIME = `**At run time**, the function reads it from the platform's secret store:
- **AWS** (Lambda container image, ECS, App Runner): keep the secret in Secrets Manager and put its ARN in the environment, or use the task definition's \`secrets\` / \`valueFrom\` and App Runner's \`runtime_environment_secrets\`.
- **Azure** (Functions on containers, Container Apps): a Key Vault reference \`@Microsoft.KeyVault(SecretUri=...)\` in the app setting, or a Container Apps secret with a Key Vault reference.
- **Google Cloud** (Cloud Run): \`--set-secrets=DB_PASSWORD=db-password:latest\` (\`value_source.secret_key_ref\`), or read \`projects/<p>/secrets/<name>/versions/latest\` at start-up.`;

export const CONTAINER_RULES: RuleMeta[] = [
  meta({
    id: CONTAINER_RULE_IDS.secretInEnv,
    title: 'Secret in an image ENV',
    shortDescription: 'A secret-like `ENV` of a Dockerfile holds a literal or a build argument.',
    fullDescription: 'ENV values are stored in the image configuration: docker inspect and every registry that holds the image show them, and every container started from it inherits them.',
    helpMarkdown: `An \`ENV\` is part of the image, not of a deployment: anyone who can pull the image reads it, and it cannot be rotated without a rebuild.

**Fix**: remove the \`ENV\`, rotate the value, and give the secret to the container at run time.

${RUN_TIME}`,
    severity: 'high',
    precision: 'high',
    tags: ['secret', 'external/cwe/cwe-798', 'external/cwe/cwe-312'],
  }),
  meta({
    id: CONTAINER_RULE_IDS.secretBuildArg,
    title: 'Secret passed as a build argument',
    shortDescription: 'A Dockerfile declares a secret-like `ARG`; its value is kept in the image history.',
    fullDescription: 'Build arguments are recorded in the image metadata (docker history shows the value of every ARG used by a RUN) and in the build cache; a default value is also in the repository.',
    helpMarkdown: `${BUILD_SECRET}

${RUN_TIME}`,
    severity: 'medium',
    precision: 'high',
    tags: ['secret', 'external/cwe/cwe-538'],
  }),
  meta({
    id: CONTAINER_RULE_IDS.copiesSecretFile,
    title: 'Secret file copied into an image',
    shortDescription: '`COPY` / `ADD` puts a `.env`, key, credentials or `.npmrc` file into an image layer.',
    fullDescription: 'A file copied into a layer stays in the image even when a later instruction deletes it: everyone who can pull the image can extract it.',
    helpMarkdown: `**Fix**: list these files in \`.dockerignore\`, and give the build what it needs with a secret mount:

${BUILD_SECRET}

${RUN_TIME}`,
    severity: 'high',
    precision: 'high',
    tags: ['secret', 'external/cwe/cwe-538'],
  }),
];

/** Files that hold secrets by their name; templates (`.env.example`), public keys and CA certificates do not. */
const SECRET_FILE = /(^|\/)(\.env(\.[\w-]+)?|[^/]*\.(pem|key|p12|pfx|jks|keystore|ppk)|id_(rsa|dsa|ecdsa|ed25519)|\.pypirc|\.netrc|\.git-credentials|\.dockercfg|credentials(\.json)?|[^/]*service[-_]?account[^/]*\.json|local\.settings\.json|secrets?\.(json|ya?ml|env))$/i;
const NOT_SECRET_FILE = /(\.env\.(example|sample|template|dist|defaults?|test)|\.(example|sample|template|dist)(\.[a-z]+)?|\.pub|(^|\/)[^/]*(ca|cert|certificate|chain|bundle|root|public)[^/]*\.pem)$/i;

export function isSecretFilePath(path: string): boolean {
  const p = path.replace(/\/+$/, '');
  return SECRET_FILE.test(p) && !NOT_SECRET_FILE.test(p);
}

const secretName = (name: string): boolean => isSecretLikeName(name, { referenceSuffixes: SETTING_SUFFIXES });

export function judgeContainerFacts(facts: ContainerFacts): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const secretArgs = new Set(facts.args.filter((a) => secretName(a.name.value)).map((a) => a.name.value));
  for (const e of facts.envs) {
    const name = e.name.value;
    if (!secretName(name)) continue;
    const fromArg = e.expands.find((x) => secretArgs.has(x));
    if (fromArg) {
      issues.push({ ruleId: CONTAINER_RULE_IDS.secretInEnv, message: `ENV ${name} copies the build argument ${fromArg} into the image configuration, where docker inspect shows it.`, region: e.value.region, subject: `${e.source}/${name}` });
    } else if (e.expands.length === 0 && isSecretCandidate(e.value.value) && classifyLiteral(e.value.value).kind === 'literal') {
      issues.push({ ruleId: CONTAINER_RULE_IDS.secretInEnv, message: `ENV ${name} holds a literal secret in the image configuration.`, region: e.value.region, subject: `${e.source}/${name}`, secret: e.value.value.trim() });
    }
  }
  for (const a of facts.args) {
    if (!secretName(a.name.value)) continue;
    const literal = a.defaultValue && isSecretCandidate(a.defaultValue.value) ? a.defaultValue : undefined;
    issues.push(
      literal
        ? { ruleId: CONTAINER_RULE_IDS.secretBuildArg, message: `ARG ${a.name.value} has a literal secret default, and build arguments are kept in the image history.`, region: literal.region, subject: `${a.source}/${a.name.value}`, secret: literal.value.trim() }
        : { ruleId: CONTAINER_RULE_IDS.secretBuildArg, message: `ARG ${a.name.value} passes a secret as a build argument, which the image history keeps; use RUN --mount=type=secret.`, region: a.name.region, subject: `${a.source}/${a.name.value}` },
    );
  }
  for (const c of facts.copies) {
    if (!isSecretFilePath(c.path.value)) continue;
    issues.push({ ruleId: CONTAINER_RULE_IDS.copiesSecretFile, message: `${c.source} copies ${c.path.value} into an image layer; list it in .dockerignore and use a secret mount.`, region: c.path.region, subject: `${c.source}/${c.path.value}` });
  }
  return issues;
}
