// secretlint's snapshot tests: packages/@secretlint/secretlint-rule-*/test/snapshots/<case>/, an
// input file and output.json (the messages secretlint must report). `ng.*` cases: each message is a
// positive at its lines; `ok.*` cases: the whole input is a negative. Cases that need a
// .secretlintrc (options.*) and rules that are not about secret values are left out.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const NOT_SECRET_RULES = new Set([
  'no-homedir', // a home-folder path, not a secret
  'no-dotenv', // the presence of a .env file
  'no-k8s-kind-secret', // the presence of a Kubernetes Secret manifest, whatever it holds
  'pattern', 'example', 'filter-comments', 'internal-test-cjs', 'internal-test-esm', // configuration tests
  'preset-recommend', 'preset-canary', // repeat the rules' own snapshots
]);

export function secretlintCases(root) {
  const pkgs = join(root, 'packages', '@secretlint');
  const cases = [];
  for (const pkg of readdirSync(pkgs).filter((p) => p.startsWith('secretlint-rule-')).sort()) {
    const rule = pkg.slice('secretlint-rule-'.length);
    const snaps = join(pkgs, pkg, 'test', 'snapshots');
    if (NOT_SECRET_RULES.has(rule) || !existsSync(snaps)) continue;
    for (const snap of readdirSync(snaps).sort()) {
      const dir = join(snaps, snap);
      const kind = snap.split('.')[0];
      if ((kind !== 'ng' && kind !== 'ok') || existsSync(join(dir, '.secretlintrc.json'))) continue;
      const inputs = readdirSync(dir).filter((f) => f !== 'output.json');
      const files = inputs.map((name) => ({ name, content: readFileSync(join(dir, name)) }));
      if (kind === 'ok') {
        cases.push({ corpus: 'secretlint', rule, id: `${rule}/${snap}`, expect: 'negative', files });
        continue;
      }
      const output = JSON.parse(readFileSync(join(dir, 'output.json'), 'utf8'));
      (output.messages ?? []).forEach((m, i) => {
        const lines = [m.loc?.start?.line ?? 1, m.loc?.end?.line ?? m.loc?.start?.line ?? 1];
        cases.push({ corpus: 'secretlint', rule, id: `${rule}/${snap}#${i}`, expect: 'positive', files, lines, group: `${rule}/${snap}`, value: m.message });
      });
    }
  }
  return { cases, skipped: [...NOT_SECRET_RULES].map((r) => `secretlint-rule-${r}`) };
}
