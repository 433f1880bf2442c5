/** Command-line parsing. Anything wrong here is a UsageError: exit code 2, with the usage text. */
import { parseArgs } from 'node:util';
import type { Level } from '@leakguard/core';
import { parseShard, type ShardSpec } from './shard/spec.js';

export class UsageError extends Error {}

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = Level | 'none';

export interface CommonOptions {
  format: Format;
  output?: string;
  failOn: FailOn;
  quiet: boolean;
  verbose: boolean;
  /** Read failures and unparsable inputs make the exit code 2. */
  strict: boolean;
  config?: string;
  color: boolean | undefined;
  category?: string;
  /** Findings whose fingerprint is in this baseline file are not reported. */
  baseline?: string;
  /** Write every finding's fingerprint to this baseline file (and report nothing). */
  writeBaseline?: string;
  /** Keep results here and reuse them for content scanned before under the same rules and config. */
  cache?: string;
}

export interface ScanCommand extends CommonOptions {
  command: 'scan';
  paths: string[];
  maxFileSizeMb: number;
  jobs?: number;
  /** Scan what is staged in git (the index), not the working tree. */
  staged?: boolean;
  shard?: ShardSpec;
}

export interface HistoryCommand extends CommonOptions {
  command: 'history';
  /** The repository to scan (default: .). */
  repo: string;
  branch?: string;
  since?: string;
  maxCount?: number;
  maxFileSizeMb: number;
  jobs?: number;
  shard?: ShardSpec;
}

/** `leakguard merge`: the shards' reports in, one report out, in their format. */
export interface MergeCommand {
  command: 'merge';
  reports: string[];
  output?: string;
  failOn: FailOn;
  strict: boolean;
  quiet: boolean;
  baseline?: string;
}

export type Command = ScanCommand | HistoryCommand | MergeCommand | { command: 'help'; topic?: string } | { command: 'version' };

export const USAGE = `Usage: leakguard <command> [options]

Commands:
  scan [paths...]        Scan files and folders (default: .) for secrets and insecure
                         serverless configuration. A quoted glob ('infra/**/*.tf') is
                         expanded by leakguard.
  history [repo]         Scan every commit of a git repository (default: .), each unique
                         file content once; findings name the commit that introduced them.
  merge <reports...>     Merge the JSON or SARIF reports of the N shards of one run (--shard)
                         into the report one unsharded run writes (-o, --fail-on, --strict,
                         --baseline apply).
  help                   Show this help.

Options:
  -f, --format <fmt>     text | json | sarif (default: text)
  -o, --output <file>    Write the report to a file instead of stdout.
      --fail-on <level>  Exit 1 when a finding is at or above: error | warning | note | none
                         (default: warning).
      --strict           Exit 2 when an input could not be read or parsed.
  -c, --config <file>    Config file (default: leakguard.yaml in the current folder, if any).
      --max-file-size <MB>  Skip larger files with a note (default: 10).
  -j, --jobs <n>         Threads that scan (default: the cores; history: cores - 1; 1: no workers).
      --staged           scan: scan what is staged in git (the index), not the working tree;
                         paths, if given, narrow it.
      --baseline <file>  Do not report findings recorded in this baseline file.
      --write-baseline <file>  Record every current finding in this file (no secret in it),
                         report nothing, exit 0.
      --branch <rev>     history: walk only this branch or revision (default: every ref).
      --since <rev>      history: only commits after this revision (REV..).
      --max-count <n>    history: at most the n newest commits.
      --shard <K/N>      scan, history: do part K of N (files balanced by size, blobs by id);
                         each shard walks everything, reports its part; merge the N reports.
                         With a baseline, each shard hashes with its salt; merge --baseline
                         applies it.
      --cache <dir>      scan, history: keep results in <dir> and reuse them for content
                         scanned before with the same version, rules and config (keyed by
                         content: blob ids, content hashes); default: off.
      --category <name>  SARIF runAutomationDetails category (default: leakguard/<command>).
      --color / --no-color  Force colours on or off (default: on when stdout is a TTY).
  -q, --quiet            Print nothing but the report; no progress.
  -v, --verbose          Also list skipped files in text output.
  -V, --version          Print the version.
  -h, --help             Show this help.

Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage, configuration,
baseline or git error (not a repository, unknown revision, corrupt object), a merge refused
(reports of other categories, versions or rules, a shard missing or repeated), or (with --strict)
input error.
`;

const LEVELS = new Set(['error', 'warning', 'note', 'none']);
const FORMATS = new Set(['text', 'json', 'sarif']);

export function parseCommandLine(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        strict: { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        'max-file-size': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        category: { type: 'string' },
        staged: { type: 'boolean' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        branch: { type: 'string' },
        since: { type: 'string' },
        'max-count': { type: 'string' },
        shard: { type: 'string' },
        cache: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        verbose: { type: 'boolean', short: 'v' },
        version: { type: 'boolean', short: 'V' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.version) return { command: 'version' };
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { command: 'help' };
  if (command === undefined) throw new UsageError('missing command');
  const format = values.format ?? 'text';
  if (!FORMATS.has(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const failOn = values['fail-on'] ?? 'warning';
  if (!LEVELS.has(failOn)) throw new UsageError(`--fail-on must be error, warning, note or none, not "${failOn}"`);
  if (command === 'merge') return mergeCommand(values, rest);
  const common: CommonOptions = {
    format: format as Format,
    failOn: failOn as FailOn,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
    strict: values.strict ?? false,
    color: values['no-color'] ? false : values.color,
  };
  if (values.output !== undefined) common.output = values.output;
  if (values.config !== undefined) common.config = values.config;
  if (values.category !== undefined) {
    if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(values.category)) throw new UsageError('--category takes letters, digits, . _ - and /');
    common.category = values.category;
  }
  if (values.baseline !== undefined) common.baseline = values.baseline;
  if (values['write-baseline'] !== undefined) common.writeBaseline = values['write-baseline'];
  if (values.cache !== undefined) {
    if (values.cache === '' || values.cache.startsWith('-')) throw new UsageError(`--cache takes a folder, not "${values.cache}"`);
    common.cache = values.cache;
  }
  if (command !== 'history') {
    for (const flag of ['branch', 'since', 'max-count'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is an option of "leakguard history"`);
    }
  }
  if (command !== 'scan' && values.staged) throw new UsageError('--staged is an option of "leakguard scan"');
  let shard: ShardSpec | undefined;
  if (values.shard !== undefined) {
    const parsed = parseShard(values.shard);
    if (typeof parsed === 'string') throw new UsageError(parsed);
    if (values.staged) throw new UsageError('--staged scans the index of one commit: it is not sharded');
    // A shard's findings are a part: a baseline only keys its hashes (its salt); merge --baseline applies it.
    if (values['write-baseline'] !== undefined) throw new UsageError('--write-baseline needs every finding: it cannot run on a shard');
    shard = parsed;
  }
  if (command === 'history') {
    if (rest.length > 1) throw new UsageError('history takes one repository path');
    const maxFileSizeMb = values['max-file-size'] === undefined ? 10 : Number(values['max-file-size']);
    if (!Number.isFinite(maxFileSizeMb) || maxFileSizeMb <= 0) throw new UsageError('--max-file-size takes a positive number of megabytes');
    const history: HistoryCommand = { command: 'history', ...common, repo: rest[0] ?? '.', maxFileSizeMb };
    for (const flag of ['branch', 'since'] as const) {
      const value = values[flag];
      if (value === undefined) continue;
      if (value === '' || value.startsWith('-')) throw new UsageError(`--${flag} takes a revision, not "${value}"`);
      history[flag] = value;
    }
    if (values['max-count'] !== undefined) {
      const n = Number(values['max-count']);
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--max-count takes a whole number of commits, 1 or more');
      history.maxCount = n;
    }
    if (values.jobs !== undefined) {
      const jobs = Number(values.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError('--jobs takes a whole number from 1 to 256');
      history.jobs = jobs;
    }
    if (shard) history.shard = shard;
    return history;
  }
  if (command === 'scan') {
    const maxFileSizeMb = values['max-file-size'] === undefined ? 10 : Number(values['max-file-size']);
    if (!Number.isFinite(maxFileSizeMb) || maxFileSizeMb <= 0) throw new UsageError('--max-file-size takes a positive number of megabytes');
    const scan: ScanCommand = { command: 'scan', ...common, paths: rest.length > 0 ? rest : ['.'], maxFileSizeMb };
    if (values.jobs !== undefined) {
      const jobs = Number(values.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError('--jobs takes a whole number from 1 to 256');
      scan.jobs = jobs;
    }
    if (values.staged) scan.staged = true;
    if (shard) scan.shard = shard;
    return scan;
  }
  throw new UsageError(`unknown command "${command}"`);
}

/** Options of scan and history that mean nothing to a merge (it writes what its inputs are). */
const NOT_FOR_MERGE = ['format', 'config', 'max-file-size', 'jobs', 'category', 'staged', 'write-baseline', 'branch', 'since', 'max-count', 'shard', 'cache', 'color', 'no-color', 'verbose'] as const;

function mergeCommand(values: Record<string, string | boolean | undefined>, reports: string[]): MergeCommand {
  for (const flag of NOT_FOR_MERGE) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is not an option of "leakguard merge" (it writes the format, category and rules of its inputs)`);
  }
  if (reports.length === 0) throw new UsageError('merge takes the report files of every shard');
  const failOn = (values['fail-on'] as string | undefined) ?? 'warning';
  const merge: MergeCommand = { command: 'merge', reports, failOn: failOn as FailOn, strict: values.strict === true, quiet: values.quiet === true };
  if (typeof values.output === 'string') merge.output = values.output;
  if (typeof values.baseline === 'string') merge.baseline = values.baseline;
  return merge;
}
