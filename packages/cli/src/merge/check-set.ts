/**
 * Whether a set of shard reports is one whole run: the same format, command, category, tool
 * version, rule set and input, and every shard 1..N exactly once. Anything else is refused (exit 2):
 * a merge that silently dropped a shard or mixed two runs would look like a clean, complete report.
 */
import { isDeepStrictEqual } from 'node:util';
import { MergeError, type ShardReport } from './shard-report.js';

function same(reports: ShardReport[], what: string, value: (r: ShardReport) => unknown): void {
  const first = reports[0]!;
  for (const r of reports.slice(1)) {
    if (!isDeepStrictEqual(value(r), value(first))) {
      throw new MergeError(`cannot merge ${first.file} and ${r.file}: different ${what}${typeof value(first) === 'string' ? ` (${String(value(first))} and ${String(value(r))})` : ''}`);
    }
  }
}

export function checkShardSet(reports: ShardReport[]): void {
  same(reports, 'formats', (r) => r.format);
  same(reports, 'commands', (r) => r.shard.kind);
  same(reports, 'categories', (r) => r.shard.category);
  same(reports, 'tool versions', (r) => r.shard.toolVersion);
  same(reports, 'rule sets (config or catalog differ)', (r) => r.shard.rules);
  // The tool as each report shows it (SARIF: with every rule; both: the regex engine that ran).
  same(reports, 'tools (version, regex engine or rules)', (r) => (r.format === 'sarif' ? r.run.tool.driver : r.report.tool));
  same(reports, 'JSON format versions', (r) => (r.format === 'json' ? r.report.formatVersion : undefined));
  same(reports, 'shard counts', (r) => r.shard.count);
  const count = reports[0]!.shard.count;
  const byIndex = new Map<number, string>();
  for (const r of reports) {
    const other = byIndex.get(r.shard.index);
    if (other !== undefined) throw new MergeError(`shard ${r.shard.index}/${count} is given twice (${other} and ${r.file})`);
    byIndex.set(r.shard.index, r.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merge needs all ${count}`);
  same(reports, 'inputs (the shards saw different files or commits: run every shard on the same checkout)', (r) => r.shard.input);
  same(reports, 'history walks', (r) => r.shard.walk);
  for (const r of reports) {
    const findings = r.format === 'sarif' ? r.run.results!.length : r.report.findings.length;
    if (r.shard.walkOrder && r.shard.walkOrder.length !== findings) throw new MergeError(`${r.file}: its shard record does not match its findings (edited?)`);
  }
}
