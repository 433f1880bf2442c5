/**
 * `leakguard.yaml` from a hostile repository: a 100 MB config took 4 GB to parse; a FIFO named as
 * the config hung the run; YAML errors and unknown keys quoted the config's text (a pasted secret)
 * in the message. Each is now a clear message on stderr and exit 2, in bounded time and memory.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { leaks, runBounded } from './support/bounded-run.js';
import { mkfifo, seededAlnum } from './support/iac-inputs.js';

const secret = `ghp_${seededAlnum(5, 36)}`;

const cases: { name: string; config: (dir: string) => void; message: RegExp }[] = [
  {
    name: 'a config over 1 MB (valid YAML: 100,000 exclude globs)',
    config: (dir) => writeFileSync(join(dir, 'leakguard.yaml'), `exclude:\n${Array.from({ length: 100_000 }, (_, i) => `  - build-${i}/\n`).join('')}`),
    message: /leakguard\.yaml: the config file is \d+\.\d MB; at most 1 MB is read/,
  },
  { name: 'a FIFO as the config', config: (dir) => mkfifo(join(dir, 'leakguard.yaml')), message: /leakguard\.yaml: the config is not a regular file/ },
  { name: 'an alias named by a secret', config: (dir) => writeFileSync(join(dir, 'leakguard.yaml'), `rules:\n  iam/*: *${secret}\n`), message: /leakguard\.yaml(:\d+:\d+)?: not valid YAML \(an alias without its anchor\)/ },
  { name: 'a YAML error next to a secret', config: (dir) => writeFileSync(join(dir, 'leakguard.yaml'), `allow: [${secret}\n  ] x: "${secret}"\n`), message: /leakguard\.yaml:\d+:\d+: not valid YAML \([a-z ]+\)/ },
  { name: 'a secret as an unknown key', config: (dir) => writeFileSync(join(dir, 'leakguard.yaml'), `${secret}: x\n`), message: /unknown key \(not shown\)/ },
  { name: 'a secret as a rule setting', config: (dir) => writeFileSync(join(dir, 'leakguard.yaml'), `rules:\n  iam/*: ${secret}\n`), message: /must be one of .* not \(not shown\)/ },
];

describe('a hostile leakguard.yaml is exit 2 with a clear message', () => {
  it.each(cases)('$name', ({ config, message }) => {
    const dir = makeProject({ 'a.txt': 'nothing\n' });
    config(dir);
    const run = runBounded(['scan', '.', '-j', '1'], { cwd: dir, timeoutMs: 20_000, maxOldSpaceMb: 256 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/configuration error: /);
    expect(run.stderr).toMatch(message);
    expect(leaks(run, [secret])).toEqual([]);
  });
});
