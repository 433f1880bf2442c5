import { describe, expect, it } from 'vitest';
import { GitHubActionsScanner } from '../src/index.js';

const scanner = new GitHubActionsScanner();
/** Planted secrets are built at run time, so no secret-looking literal is committed. */
const PW = ['Pr0d', 'Db', 'Passw0rd!2024'].join('-');
const S = (name: string): string => '${{ secrets.' + name + ' }}';
const E = (expr: string): string => '${{ ' + expr + ' }}';

const PATH = '.github/workflows/ci.yml';
function findings(text: string) {
  return scanner.scan({ path: PATH, text }).drafts.map((d) => ({ ruleId: d.ruleId, line: d.region.startLine, column: d.region.startColumn }));
}
const ids = (text: string): string[] => findings(text).map((f) => f.ruleId).sort();
const job = (steps: string, on = 'push'): string => `on: ${on}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe('GitHub Actions: findings', () => {
  it.each<[string, string, string[]]>([
    ['a secret echoed to the log', job(`      - run: echo "token is ${S('NPM_TOKEN')}"\n`), ['ci/secret-printed']],
    ['a secret printed in a block script', job(`      - run: |\n          npm ci\n          printf '%s' "${S('API_KEY')}" | base64\n`), ['ci/secret-printed']],
    ['a secret expanded into a command', job(`      - run: >-\n          curl -H "Authorization: Bearer ${S('DEPLOY_TOKEN')}" https://api.example.com\n`), ['ci/secret-in-script']],
    ['a secret written to GITHUB_ENV (not printed, but in the script)', job(`      - run: echo "TOKEN=${S('API_TOKEN')}" >> $GITHUB_ENV\n`), ['ci/secret-in-script']],
    ['a secret with a fallback', job(`      - run: ./deploy.sh ${E("secrets.PROD_TOKEN || secrets['STAGING_TOKEN']")}\n`), ['ci/secret-in-script']],
    ['a PR title expanded into a script', job(`      - run: echo "${E('github.event.pull_request.title')}"\n`, 'pull_request'), ['ci/script-injection']],
    ['a branch name expanded into a script', job(`      - run: git push origin ${E('github.head_ref')}\n`, 'pull_request'), ['ci/script-injection']],
    ['a comment body expanded into a script', job(`      - run: ./triage.sh "${E('github.event.comment.body')}"\n`, 'issue_comment'), ['ci/script-injection']],
    ['a literal password in a step env', job(`      - run: ./migrate.sh\n        env:\n          DB_PASSWORD: "${PW}"\n`), ['ci/plaintext-secret']],
    ['a literal token in workflow env', `on: push\nenv:\n  SLACK_BOT_TOKEN: tok-${PW}\njobs: {}\n`, ['ci/plaintext-secret']],
    ['a literal password as an action input', job(`      - uses: docker/login-action@v3\n        with:\n          username: ci\n          password: ${PW}\n`), ['ci/plaintext-secret']],
    ['secrets: inherit to another repository', 'on: push\njobs:\n  deploy:\n    uses: acme/shared/.github/workflows/deploy.yml@main\n    secrets: inherit\n', ['ci/secrets-inherit']],
    [
      'pull_request_target checking out the PR head',
      job(`      - uses: actions/checkout@v4\n        with:\n          ref: ${E('github.event.pull_request.head.sha')}\n      - run: npm ci && npm test\n`, 'pull_request_target'),
      ['ci/pull-request-target-checkout'],
    ],
    [
      'pull_request_target checking out the merge ref',
      job(`      - uses: actions/checkout@v4\n        with:\n          ref: refs/pull/${E('github.event.number')}/merge\n`, '\n  pull_request_target:\n    types: [opened]'),
      ['ci/pull-request-target-checkout'],
    ],
  ])('%s', (_n, text, expected) => {
    expect(ids(text)).toEqual([...expected].sort());
  });
});

describe('GitHub Actions: the good patterns and near-misses pass', () => {
  it.each<[string, string]>([
    ['a secret passed through env: (the good pattern)', job(`      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${S('NPM_TOKEN')}\n`)],
    ['a secret as an action input', job(`      - uses: docker/login-action@v3\n        with:\n          password: ${S('DOCKERHUB_TOKEN')}\n`)],
    ['a secret in an if: condition', job(`      - if: ${E("secrets.NPM_TOKEN != ''")}\n        run: npm publish\n`)],
    ['the shell variable, not the expression', job('      - run: echo "publishing" && npm publish --token "$NODE_AUTH_TOKEN"\n')],
    ['non-secret expressions in a script', job(`      - run: echo "${E('github.sha')} ${E('matrix.node')} ${E('steps.build.outputs.version')}"\n`)],
    ['an untrusted value passed through env:', job(`      - run: echo "$TITLE"\n        env:\n          TITLE: ${E('github.event.pull_request.title')}\n`, 'pull_request')],
    ['outputs of a step whose id is "secrets"', job(`      - run: echo "PROJECT=${E('steps.secrets.outputs.project_id')}" >> $GITHUB_ENV\n`)],
    ['OIDC settings of google-github-actions/auth', job("      - uses: google-github-actions/auth@v2\n        with:\n          workload_identity_provider: projects/1/locations/global/workloadIdentityPools/p/providers/gh\n          access_token_lifetime: 600s\n          id_token_audience: 'https://run.example.com'\n")],
    ['a cache key', job(`      - uses: actions/cache@v4\n        with:\n          path: ~/.npm\n          key: npm-cache-v1\n`)],
    ['non-secret env settings', `on: push\nenv:\n  NODE_ENV: production\n  TOKEN_TTL: 3600\n  AUTH_MODE: oidc\njobs: {}\n`],
    ['a placeholder', job('      - run: ./test.sh\n        env:\n          DB_PASSWORD: changeme\n')],
    ['secrets: inherit to a workflow of this repository', 'on: push\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    secrets: inherit\n'],
    ['explicit secrets to another repository', `on: push\njobs:\n  deploy:\n    uses: acme/shared/.github/workflows/deploy.yml@3f1c2e9d0b4a5c6d7e8f9a0b1c2d3e4f5a6b7c8d\n    secrets:\n      DEPLOY_TOKEN: ${S('DEPLOY_TOKEN')}\n`],
    ['pull_request_target checking out the base', job('      - uses: actions/checkout@v4\n      - run: ./label.sh\n', 'pull_request_target')],
    ['pull_request checking out the head', job(`      - uses: actions/checkout@v4\n        with:\n          ref: ${E('github.event.pull_request.head.sha')}\n`, 'pull_request')],
  ])('%s', (_n, text) => {
    expect(ids(text)).toEqual([]);
  });
});

describe('GitHub Actions: positions, input and output', () => {
  it('points at the expression inside a block script', () => {
    expect(findings(job(`      - run: |\n          npm ci\n          echo "${S('NPM_TOKEN')}"\n`))).toEqual([{ ruleId: 'ci/secret-printed', line: 8, column: 17 }]);
  });
  it('never writes a literal secret into a message', () => {
    for (const d of scanner.scan({ path: PATH, text: job(`      - run: ./x\n        env:\n          DB_PASSWORD: "${PW}"\n`) }).drafts) expect(d.message).not.toContain(PW);
  });
  it.each(['.github/workflows/ci.yml', 'sub/.github/workflows/release.yaml'])('accepts %s', (path) => expect(scanner.accepts({ path, text: '' })).toBe(true));
  it.each(['.github/dependabot.yml', 'workflows/ci.yml', '.github/workflows/README.md'])('does not accept %s', (path) => expect(scanner.accepts({ path, text: '' })).toBe(false));
  it('a malformed workflow is a notification and no finding', () => {
    const out = scanner.scan({ path: PATH, text: 'on: push\njobs:\n  build: [\n' });
    expect(out.drafts).toEqual([]);
    expect(out.notifications[0]?.kind).toBe('parse-error');
  });
  it('an alias bomb stops with a notification', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n' + Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`).join('\n') + '\n';
    const out = scanner.scan({ path: PATH, text: bomb });
    expect(out.drafts).toEqual([]);
    expect(out.notifications.length).toBe(1);
  });
});
