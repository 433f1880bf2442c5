/** The `leakguard` command: parse, dispatch, report, and map every failure to an exit code. */
import { CatalogError, ConfigError, defaultRegexEngine, isInputFailure, loadConfig, RegexCompileError } from '@leakguard/core';
import { resolve } from 'node:path';
import { SecretEngine, validateRuleIds, type LeakguardConfig, type ScanReport } from '@leakguard/core';
import { GitError } from '@leakguard/scanner-git';
import { parseCommandLine, UsageError, USAGE, type HistoryCommand, type ScanCommand, type CommonOptions } from './args.js';
import { applyBaseline, BaselineError, existingHashSalt, newHashSalt, readBaseline, writeBaseline, type Baseline } from './baseline.js';
import { runHistory } from './history/run-history.js';
import { runStagedScan } from './staged.js';
import { builtinScanners } from './scanners.js';
import { exitCodeFor, formatReport, writeReport } from './output.js';
import { createProgress } from './progress.js';
import { runScan } from './run-scan.js';
import { VERSION } from './version.js';
import { MergeError } from './merge/shard-report.js';
import { runMerge } from './merge/run-merge.js';

export interface Io {
  cwd: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

async function scanCommand(cmd: ScanCommand, io: Io): Promise<number> {
  const config = loadCheckedConfig(io.cwd, cmd.config);
  // Read the baseline first: a bad baseline fails before the scan runs.
  const baseline = await baselineFor(cmd, config, io.cwd);
  const request = {
    paths: cmd.paths,
    base: io.cwd,
    config,
    maxFileSizeMb: cmd.maxFileSizeMb,
    category: cmd.category ?? 'leakguard/scan',
    progress: createProgress(io.stderr, !cmd.quiet),
    ...(cmd.cache === undefined ? {} : { cache: resolve(io.cwd, cmd.cache) }),
  };
  // --staged reads the index in this thread; a scan of files goes to the worker pool.
  const report = cmd.staged
    ? await runStagedScan(request)
    : await runScan({ ...request, ...(cmd.jobs === undefined ? {} : { jobs: cmd.jobs }), ...(cmd.shard === undefined ? {} : { shard: cmd.shard }) });
  return finish(report, baseline, cmd, io, 'files');
}

async function historyCommand(cmd: HistoryCommand, io: Io): Promise<number> {
  const config = loadCheckedConfig(io.cwd, cmd.config);
  const baseline = await baselineFor(cmd, config, io.cwd);
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
  if (cmd.jobs !== undefined) request.jobs = cmd.jobs;
  if (cmd.shard !== undefined) request.shard = cmd.shard;
  if (cmd.cache !== undefined) request.cache = resolve(io.cwd, cmd.cache);
  const report = await runHistory(request);
  return finish(report, baseline, cmd, io, `unique blobs of ${report.history.commits} commits`);
}

/** The config, with every rule id it names checked against the rules this run knows (exit 2 on a typo). */
function loadCheckedConfig(cwd: string, explicit: string | undefined): LeakguardConfig {
  const config = loadConfig(cwd, explicit);
  if (Object.keys(config.rules).length > 0) {
    const engine = new SecretEngine({ extraRules: config.customRules });
    validateRuleIds(config, [...engine.rules, ...builtinScanners().flatMap((s) => s.rules)].map((r) => r.id));
  }
  return config;
}

type RunBaseline = { file?: string; read?: Baseline; hashSalt?: string };

/**
 * --baseline, else the config's `baseline`; when writing one, the salt of the file it replaces (or
 * a new one). Sets the run's secret hash key on the config: LEAKGUARD_HASH_KEY and that salt. A
 * shard only takes the salt (its hashes must match the baseline); the merge applies the baseline.
 */
async function baselineFor(cmd: CommonOptions & { shard?: unknown }, config: LeakguardConfig, cwd: string): Promise<RunBaseline> {
  let run: RunBaseline = {};
  if (cmd.writeBaseline !== undefined) {
    run = { hashSalt: (await existingHashSalt(resolve(cwd, cmd.writeBaseline))) ?? newHashSalt() };
  } else {
    const file = cmd.baseline ?? config.baseline;
    if (file !== undefined) {
      const read = await readBaseline(resolve(cwd, file));
      run = cmd.shard === undefined ? { file, read, hashSalt: read.hashSalt } : { hashSalt: read.hashSalt };
    }
  }
  const secret = process.env.LEAKGUARD_HASH_KEY;
  config.secretHashKey = { ...(secret ? { secret } : {}), ...(run.hashSalt ? { salt: run.hashSalt } : {}) };
  return run;
}

/** Baseline in or out, the report out, the exit code. */
async function finish(report: ScanReport, baseline: RunBaseline, cmd: CommonOptions, io: Io, unit: string): Promise<number> {
  if (cmd.writeBaseline !== undefined) {
    const written = await writeBaseline(resolve(io.cwd, cmd.writeBaseline), report.findings, baseline.hashSalt!);
    if (!cmd.quiet) io.stderr.write(`leakguard: wrote ${written} findings to the baseline ${cmd.writeBaseline}\n`);
    return EXIT.clean;
  }
  if (baseline.read) report = applyBaseline(report, baseline.read.fingerprints, baseline.file!);
  await writeReport(formatReport(report, cmd, io.stdout.isTTY === true), cmd.output, io.stdout);
  if (!cmd.quiet && cmd.format !== 'text') {
    const errors = report.notifications.filter(isInputFailure).length;
    io.stderr.write(`leakguard: ${report.findings.length} findings in ${report.stats.filesScanned} ${unit}${errors ? `, ${errors} inputs could not be read, parsed or fully analysed` : ''}\n`);
  }
  return exitCodeFor(report, cmd.failOn, cmd.strict);
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const cmd = parseCommandLine(argv);
    switch (cmd.command) {
      case 'version':
        // The version alone on the first line (scripts read it); the engine after it.
        io.stdout.write(`${VERSION}\nregex engine: ${defaultRegexEngine() === 're2' ? 're2 (native, linear time)' : 'JavaScript RegExp (the optional re2 addon did not load)'}\n`);
        return EXIT.clean;
      case 'help':
        io.stdout.write(USAGE);
        return EXIT.clean;
      case 'scan':
        return await scanCommand(cmd, io);
      case 'history':
        return await historyCommand(cmd, io);
      case 'merge':
        return await runMerge(cmd, io.cwd, io.stdout, io.stderr);
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
    if (error instanceof MergeError) {
      io.stderr.write(`leakguard: merge refused: ${error.message}\n`);
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
