/** The `leakguard` command: parse, dispatch, report, and map every failure to an exit code. */
import { CatalogError, ConfigError, loadConfig, RegexCompileError } from '@leakguard/core';
import type { ScanReport } from '@leakguard/core';
import { GitError } from '@leakguard/scanner-git';
import { parseCommandLine, UsageError, USAGE, type HistoryCommand, type ScanCommand, type CommonOptions } from './args.js';
import { applyBaseline, BaselineError, readBaseline, writeBaseline } from './baseline.js';
import { runHistory } from './history/run-history.js';
import { runStagedScan } from './staged.js';
import { exitCodeFor, formatReport, writeReport } from './output.js';
import { createProgress } from './progress.js';
import { runScan } from './run-scan.js';
import { VERSION } from './version.js';

export interface Io {
  cwd: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

async function scanCommand(cmd: ScanCommand, io: Io): Promise<number> {
  const config = loadConfig(io.cwd, cmd.config);
  // Read the baseline first: a bad baseline fails before the scan runs.
  const baseline = cmd.baseline === undefined ? undefined : await readBaseline(cmd.baseline);
  if (cmd.staged) {
    const staged = await runStagedScan({
      base: io.cwd,
      paths: cmd.paths,
      config,
      maxFileSizeMb: cmd.maxFileSizeMb,
      category: cmd.category ?? 'leakguard/scan',
      progress: createProgress(io.stderr, !cmd.quiet),
    });
    return finish(staged, baseline, cmd, io, 'files');
  }
  const report = await runScan({
    paths: cmd.paths,
    base: io.cwd,
    config,
    maxFileSizeMb: cmd.maxFileSizeMb,
    category: cmd.category ?? 'leakguard/scan',
    progress: createProgress(io.stderr, !cmd.quiet),
  });
  return finish(report, baseline, cmd, io, 'files');
}

async function historyCommand(cmd: HistoryCommand, io: Io): Promise<number> {
  const config = loadConfig(io.cwd, cmd.config);
  const baseline = cmd.baseline === undefined ? undefined : await readBaseline(cmd.baseline);
  const request: Parameters<typeof runHistory>[0] = {
    repo: cmd.repo,
    base: io.cwd,
    config,
    maxFileSizeMb: cmd.maxFileSizeMb,
    category: cmd.category ?? 'leakguard/history',
    progress: createProgress(io.stderr, !cmd.quiet),
  };
  if (cmd.branch !== undefined) request.branch = cmd.branch;
  if (cmd.since !== undefined) request.since = cmd.since;
  if (cmd.maxCount !== undefined) request.maxCount = cmd.maxCount;
  const report = await runHistory(request);
  return finish(report, baseline, cmd, io, `unique blobs of ${report.history.commits} commits`);
}

/** Baseline in or out, the report out, the exit code. */
async function finish(report: ScanReport, baseline: Set<string> | undefined, cmd: CommonOptions, io: Io, unit: string): Promise<number> {
  if (cmd.writeBaseline !== undefined) {
    const written = await writeBaseline(cmd.writeBaseline, report.findings);
    if (!cmd.quiet) io.stderr.write(`leakguard: wrote ${written} findings to the baseline ${cmd.writeBaseline}\n`);
    return EXIT.clean;
  }
  if (baseline && cmd.baseline !== undefined) report = applyBaseline(report, baseline, cmd.baseline);
  await writeReport(formatReport(report, cmd, io.stdout.isTTY === true), cmd.output, io.stdout);
  if (!cmd.quiet && cmd.format !== 'text') {
    const errors = report.notifications.filter((n) => n.level === 'error').length;
    io.stderr.write(`leakguard: ${report.findings.length} findings in ${report.stats.filesScanned} ${unit}${errors ? `, ${errors} inputs could not be read or parsed` : ''}\n`);
  }
  return exitCodeFor(report, cmd.failOn, cmd.strict);
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const cmd = parseCommandLine(argv);
    switch (cmd.command) {
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return EXIT.clean;
      case 'help':
        io.stdout.write(USAGE);
        return EXIT.clean;
      case 'scan':
        return await scanCommand(cmd, io);
      case 'history':
        return await historyCommand(cmd, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`leakguard: ${error.message}\n\n${USAGE}`);
      return EXIT.error;
    }
    if (error instanceof ConfigError || error instanceof CatalogError || error instanceof RegexCompileError) {
      io.stderr.write(`leakguard: configuration error: ${error.message}\n`);
      return EXIT.error;
    }
    if (error instanceof GitError) {
      io.stderr.write(`leakguard: git error: ${error.message}\n`);
      return EXIT.error;
    }
    if (error instanceof BaselineError) {
      io.stderr.write(`leakguard: baseline error: ${error.message}\n`);
      return EXIT.error;
    }
    // Never print a stack with input content in it; the message of our own errors is safe.
    io.stderr.write(`leakguard: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.error;
  }
}
