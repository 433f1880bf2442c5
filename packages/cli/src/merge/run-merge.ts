/** `leakguard merge A B ... [-o FILE]`: the shards' reports, checked and merged into one. */
import { resolve } from 'node:path';
import { levelAtLeast } from '@leakguard/core';
import type { MergeCommand } from '../args.js';
import { readBaseline } from '../baseline.js';
import { writeReport } from '../output.js';
import { jsonFormat } from './json.js';
import { mergeReports, type MergeBaseline, type MergedReport } from './merge-reports.js';
import { sarifFormat } from './sarif.js';
import { MergeError, readShardReport, type ShardReport } from './shard-report.js';

type Json = Extract<ShardReport, { format: 'json' }>;
type Sarif = Extract<ShardReport, { format: 'sarif' }>;

export async function runMerge(cmd: MergeCommand, cwd: string, stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): Promise<number> {
  const baseline: MergeBaseline | undefined = cmd.baseline === undefined ? undefined : { file: cmd.baseline, fingerprints: (await readBaseline(resolve(cwd, cmd.baseline))).fingerprints };
  const reports: ShardReport[] = [];
  for (const file of cmd.reports) reports.push(await readShardReport(resolve(cwd, file)).then((r) => ({ ...r, file })));
  const formats = new Set(reports.map((r) => r.format));
  if (formats.size > 1) throw new MergeError('cannot merge SARIF and JSON reports together');
  const merged: MergedReport = reports[0]!.format === 'sarif' ? mergeReports(reports as Sarif[], sarifFormat, baseline) : mergeReports(reports as Json[], jsonFormat, baseline);
  await writeReport(merged.text, cmd.output === undefined ? undefined : resolve(cwd, cmd.output), stdout);
  if (!cmd.quiet) {
    const errors = merged.inputFailures;
    stderr.write(`leakguard: merged ${reports.length} shards: ${merged.findingLevels.length} findings${errors ? `, ${errors} inputs could not be read, parsed or fully analysed` : ''}\n`);
  }
  // The exit code a single unsharded run would give (output.ts exitCodeFor).
  if (cmd.strict && merged.inputFailures > 0) return 2;
  if (cmd.failOn !== 'none' && merged.findingLevels.some((l) => levelAtLeast(l, cmd.failOn as Exclude<typeof cmd.failOn, 'none'>))) return 1;
  return 0;
}
