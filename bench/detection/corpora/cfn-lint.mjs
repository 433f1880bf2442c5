// cfn-lint's test templates (test/fixtures/templates/{good,bad}). The one cfn-lint rule that means
// what ours mean is W2501 (a password property set from a literal, a parameter without NoEcho or a
// plain SSM parameter), tested on bad/properties_password.yaml (fails) and
// good/resources/properties/password.yaml (passes). Every other template holds no secret: each is
// a negative for every secret rule (a finding there is a false alarm on a clean template).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SECRET = ['secret/*', 'env/secret-literal'];
const W2501 = ['secret/sensitive-not-marked', 'secret/literal-secret-attribute', 'secret/literal-default', 'kms/ssm-secret-as-string', ...SECRET];
const W2501_CASES = { 'bad/properties_password.yaml': 'positive', 'good/resources/properties/password.yaml': 'negative' };

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function cfnLintCases(root) {
  const base = join(root, 'test', 'fixtures', 'templates');
  const cases = [];
  for (const kind of ['good', 'bad']) {
    if (!existsSync(join(base, kind))) continue;
    for (const path of walk(join(base, kind)).filter((p) => /\.(ya?ml|json|template)$/.test(p)).sort()) {
      const name = relative(base, path);
      const w2501 = W2501_CASES[name];
      const files = [{ name: name.replaceAll('/', '__'), source: path }];
      cases.push(
        w2501
          ? { corpus: 'cfn-lint', rule: 'W2501', id: name, expect: w2501, files, iac: { rules: W2501, file: files[0].name } }
          : { corpus: 'cfn-lint', rule: 'no secret (clean template)', id: name, expect: 'negative', files, iac: { rules: SECRET, file: files[0].name } },
      );
    }
  }
  return { cases, skipped: [] };
}
