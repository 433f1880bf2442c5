/**
 * re2 is an optional dependency: where it is missing, the JS RegExp fallback runs the same patterns.
 * Whichever ran is said in --version, in JSON and SARIF (tool properties) and, for the fallback, in
 * a one-line note in text output. LEAKGUARD_REGEX_ENGINE=js stands in for a missing addon here; the
 * install test (test/install) makes re2 really fail to build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './support/cli.js';
import { PLANTED } from './support/planted.js';

describe.each<['re2' | 'js', Record<string, string>]>([
  ['re2', {}],
  ['js', { LEAKGUARD_REGEX_ENGINE: 'js' }],
])('the %s regex engine', (engine, env) => {
  const project = () => makeProject({ 'src/app.js': `const key = "${PLANTED.awsAccessKeyId}";\n` });

  it('is named by --version, after the version line', () => {
    const lines = runCli(['--version'], { env }).stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lines[1]).toMatch(engine === 're2' ? /^regex engine: re2/ : /^regex engine: JavaScript RegExp/);
  });

  it('finds the same secret and says which engine ran in every format', () => {
    const dir = project();
    const text = runCli(['scan', '.'], { cwd: dir, env });
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('secret/aws-access-key-id');
    expect(text.stdout.includes('regex engine: JavaScript RegExp')).toBe(engine === 'js');

    expect(runCli(['scan', '.', '-f', 'json', '-o', 'r.json'], { cwd: dir, env }).status).toBe(1);
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { tool: { regexEngine: string }; findings: { ruleId: string }[] };
    expect(json.tool.regexEngine).toBe(engine);
    expect(json.findings.map((f) => f.ruleId)).toContain('secret/aws-access-key-id');

    expect(runCli(['scan', '.', '-f', 'sarif', '-o', 'r.sarif'], { cwd: dir, env }).status).toBe(1);
    const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')) as { runs: { tool: { driver: { properties: { regexEngine: string } } } }[] };
    expect(sarif.runs[0]!.tool.driver.properties.regexEngine).toBe(engine);
  });
});
