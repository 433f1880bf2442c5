/** The `leakguard` command: parse, dispatch, report, and map every failure to an exit code. */
import { CatalogError, ConfigError, loadConfig, RegexCompileError } from '@leakguard/core';
import { parseCommandLine, UsageError, USAGE, type ScanCommand } from './args.js';
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
  const report = await runScan({
    paths: cmd.paths,
    base: io.cwd,
    config,
    maxFileSizeMb: cmd.maxFileSizeMb,
    category: cmd.category ?? 'leakguard/scan',
    progress: createProgress(io.stderr, !cmd.quiet),
  });
  await writeReport(formatReport(report, cmd, io.stdout.isTTY === true), cmd.output, io.stdout);
  if (!cmd.quiet && cmd.format !== 'text') {
    const errors = report.notifications.filter((n) => n.level === 'error').length;
    io.stderr.write(`leakguard: ${report.findings.length} findings in ${report.stats.filesScanned} files${errors ? `, ${errors} inputs could not be read or parsed` : ''}\n`);
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
    // Never print a stack with input content in it; the message of our own errors is safe.
    io.stderr.write(`leakguard: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.error;
  }
}
