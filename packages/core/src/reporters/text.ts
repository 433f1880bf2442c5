/** The report for people: findings grouped by file, colour only when asked (a TTY), a summary line. */
import type { Finding, Level } from '../finding.js';
import type { ScanReport } from '../report.js';
import { countByLevel } from './json.js';
import { printable } from './printable.js';

export interface TextOptions {
  color: boolean;
  /** Also list note-level notifications (skipped files). Errors and warnings are always listed. */
  verbose?: boolean;
}

const CODES = { red: [31, 39], yellow: [33, 39], blue: [34, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24] } as const;
type Style = keyof typeof CODES;

function painter(color: boolean) {
  return (style: Style, text: string): string =>
    color ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text;
}

const LEVEL_STYLE: Record<Level, Style> = { error: 'red', warning: 'yellow', note: 'blue' };

/** Shown once when the optional re2 addon did not load: same patterns, but not linear-time. */
export const JS_ENGINE_NOTE =
  'Note: regex engine: JavaScript RegExp (the optional re2 addon is not installed or did not load; `npm rebuild re2` to build it).';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function toText(report: ScanReport, options: TextOptions): string {
  const paint = painter(options.color);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.location.path) ?? [];
    list.push(f);
    byFile.set(f.location.path, list);
  }
  for (const [path, findings] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(paint('underline', printable(path)));
    for (const f of findings) {
      const pos = `${f.location.startLine}:${f.location.startColumn}`.padEnd(8);
      const level = paint(LEVEL_STYLE[f.level], f.level.padEnd(7));
      out.push(`  ${paint('dim', pos)} ${level} ${printable(f.message)}  ${paint('dim', printable(f.ruleId))}`);
      if (f.commit) {
        const head = f.commit.presentAtHead ? '' : ', no longer at HEAD';
        out.push(`  ${' '.repeat(8)} ${paint('dim', `commit ${f.commit.sha.slice(0, 12)} by ${printable(f.commit.author)} on ${printable(f.commit.date.slice(0, 10))}${head}`)}`);
      }
    }
    out.push('');
  }
  const shown = report.notifications.filter((n) => options.verbose || n.level !== 'note');
  if (shown.length > 0) {
    out.push(paint('bold', 'Inputs with problems:'));
    for (const n of shown) {
      const where = n.path ? `${printable(n.path)}${n.line ? `:${n.line}${n.column ? `:${n.column}` : ''}` : ''}: ` : '';
      out.push(`  ${paint(LEVEL_STYLE[n.level], n.level.padEnd(7))} ${where}${printable(n.message)}`);
    }
    out.push('');
  }
  const counts = countByLevel(report.findings);
  const total = report.findings.length;
  const parts = (['error', 'warning', 'note'] as const).map((l) => paint(LEVEL_STYLE[l], plural(counts[l], l)));
  const skipped = report.stats.filesSkipped > 0 ? `, ${report.stats.filesSkipped} skipped` : '';
  const head = total === 0 ? paint('bold', 'No findings') : paint('bold', plural(total, 'finding'));
  if (report.tool.regexEngine === 'js') out.push(paint('dim', JS_ENGINE_NOTE));
  out.push(`${head} (${parts.join(', ')}) in ${plural(report.stats.filesScanned, 'file')} scanned${skipped}, ${(report.stats.durationMs / 1000).toFixed(2)}s.`);
  return out.join('\n') + '\n';
}
