// `leakguard history --cache` twice in a fresh cache folder (issue 13: the second run >= 10x faster
// than the first), for the git and real suites: the runs' findings must be those of the run without
// cache, or the figure means nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from './measure.mjs';

/** `args` names the repository; `findings` are the uncached run's. Returns both runs and the ratios. */
export function cachedHistoryRuns(cli, args, cwd, findings) {
  const dir = mkdtempSync(join(tmpdir(), 'lg-bench-cache-'));
  const out = join(dir, 'report.json');
  const q = JSON.stringify;
  const cmd = `node ${q(cli)} history ${args} --cache ${q(join(dir, 'cache'))} --format json --output ${q(out)} --fail-on none --quiet`;
  const run = () => {
    const r = measure(cmd, cwd);
    if (r.code !== 0) throw new Error(`leakguard history --cache exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
    return { ...r, same: JSON.stringify(JSON.parse(readFileSync(out, 'utf8')).findings) === JSON.stringify(findings) };
  };
  try {
    const first = run();
    const second = run();
    return { first, second, wallRatio: first.seconds / second.seconds, cpuRatio: first.cpuSeconds / second.cpuSeconds, same: first.same && second.same };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The line each suite prints for it. */
export function cachedVerdict(c) {
  const met = c.wallRatio >= 10 && c.same;
  return `second history --cache run: ${c.wallRatio.toFixed(1)}x faster than the first in wall time, ${c.cpuRatio.toFixed(1)}x in CPU time; findings ${c.same ? 'identical to the run without cache' : 'DIFFER from the run without cache'} (target: >= 10x) ${met ? 'MET' : 'NOT MET'}`;
}
