/**
 * The example app's files for the other platforms (Bicep, a GitHub Actions workflow, a
 * Dockerfile): `leakguard scan` reports each marked `MISTAKE(<family>)` with a rule of that
 * family on the line that follows, and nothing else in these files (their good patterns pass).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/cli.js';

const FILES = ['azure/main.bicep', '.github/workflows/deploy.yml', 'Dockerfile'];

interface JsonFinding {
  ruleId: string;
  location: { path: string; startLine: number };
}

describe('examples/serverless-app on Azure, GitHub Actions and containers', () => {
  const run = runCli(['scan', '--format', 'json', '--quiet', ...FILES.map((f) => `examples/serverless-app/${f}`)]);
  const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;

  it.each(FILES)('%s: every marked mistake is reported, and nothing else', (file) => {
    const lines = readFileSync(join(REPO_ROOT, 'examples/serverless-app', file), 'utf8').split('\n');
    const marked = lines.flatMap((l, i) => {
      const m = /(?:#|\/\/) MISTAKE\(([^)]+)\)/.exec(l);
      return m ? [{ family: m[1]!, line: i + 2 }] : [];
    });
    expect(marked.length).toBe(1);
    const here = findings.filter((f) => f.location.path === `examples/serverless-app/${file}`);
    expect(here.map((f) => `${f.ruleId.split('/')[0]}:${f.location.startLine}`)).toEqual(marked.map((m) => `${m.family}:${m.line}`));
  });
});
