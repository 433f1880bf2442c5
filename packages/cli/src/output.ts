/** Formats a report and writes it to stdout or a file; computes the exit code. */
import { writeFile } from 'node:fs/promises';
import { isInputFailure, levelAtLeast, toJsonReport, toSarif, toText, type ScanReport } from '@leakguard/core';
import type { CommonOptions, FailOn } from './args.js';
import { SARIF_SHARD_PROPERTY, shardRecord, type ShardedReport } from './shard/record.js';

export function formatReport(report: ShardedReport, options: CommonOptions, stdoutIsTty: boolean): string {
  // A shard's report records K/N and what `leakguard merge` needs (shard/record.ts).
  const shard = shardRecord(report);
  switch (options.format) {
    case 'sarif': {
      const log = toSarif(report);
      if (shard) log.runs[0]!.properties = { ...log.runs[0]!.properties, [SARIF_SHARD_PROPERTY]: shard };
      return JSON.stringify(log, null, 2) + '\n';
    }
    case 'json':
      return JSON.stringify(shard ? { ...toJsonReport(report), shard } : toJsonReport(report), null, 2) + '\n';
    case 'text': {
      const color = options.color ?? (options.output === undefined && stdoutIsTty && !process.env.NO_COLOR);
      return toText(report, { color, verbose: options.verbose });
    }
  }
}

export async function writeReport(text: string, output: string | undefined, stdout: NodeJS.WritableStream): Promise<void> {
  if (output) await writeFile(output, text, 'utf8');
  else await new Promise<void>((resolve, reject) => stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

/** 1 for findings at or above --fail-on; 2 under --strict for any input not read, parsed or fully analysed; else 0. */
export function exitCodeFor(report: ScanReport, failOn: FailOn, strict: boolean): number {
  if (strict && report.notifications.some(isInputFailure)) return 2;
  if (failOn !== 'none' && report.findings.some((f) => levelAtLeast(f.level, failOn))) return 1;
  return 0;
}
