// Timing for the benchmark suites: a shell command under GNU time (wall seconds, CPU seconds user +
// system, peak RSS), or wall time alone where /usr/bin/time is missing (`pnpm bench:setup` installs
// it). CPU time is the steadier figure on a shared machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const TIME = '/usr/bin/time';

/** Runs `sh -c script` in `cwd`; returns { seconds, cpuSeconds, rssMb, code, stdout, stderr }. */
export function measure(script, cwd) {
  if (!existsSync(TIME)) {
    const t0 = performance.now();
    const r = spawnSync('sh', ['-c', script], { cwd, maxBuffer: 1 << 30 });
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: NaN, rssMb: NaN, code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
  }
  const r = spawnSync(TIME, ['-f', '\n@@time %e %M %U %S', 'sh', '-c', script], { cwd, maxBuffer: 1 << 30 });
  const err = r.stderr.toString();
  const m = /@@time ([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(err);
  if (!m) throw new Error(`cannot measure: ${err.slice(-500)}`);
  return { seconds: Number(m[1]), cpuSeconds: Number(m[3]) + Number(m[4]), rssMb: Number(m[2]) / 1024, code: r.status, stdout: r.stdout.toString(), stderr: err.slice(0, m.index) };
}

/** One line on the machine, printed with every result: figures are noisy when it is shared. */
export function machineLine() {
  return `machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (numbers are noisy when the machine is shared)`;
}
