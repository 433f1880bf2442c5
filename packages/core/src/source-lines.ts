/**
 * Lines of a scanned file, for placing and showing findings: from a decoded string, or straight
 * from the file's UTF-8 bytes. The byte form decodes only the lines a finding needs (on a
 * minified megabyte-long line, only the part around it): decoding a whole large file allocates a
 * large-object string, which costs more than the whole secret pass over it.
 *
 * Positions are 1-based lines and columns counted in UTF-16 code units (SARIF's default).
 */
import { isAscii } from 'node:buffer';
import type { Region } from './finding.js';

export interface SourceLines {
  /** Line `n` (1-based) without its line break (nor a `\r` before it); undefined past the end. */
  line(n: number): string | undefined;
  /** Length of line `n` in UTF-16 code units (0 past the end). */
  lineLength(n: number): number;
  /** Columns [from, to) of line `n` (0-based, UTF-16 code units, clamped to the line). */
  lineSlice(n: number, from: number, to: number): string;
  /** Whether line `n` contains the lower-case ASCII `needle`, ignoring ASCII case. */
  lineIncludes(n: number, needle: string): boolean;
}

/** Offsets of each line start (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // indexOf is a native scan, several times faster than a charCodeAt loop on large files.
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line and column (1-based) of an offset, given the line starts in the same unit. */
export function positionAt(starts: number[], offset: number): { line: number; column: number } {
  const line = lineIndexAt(starts, offset);
  return { line: line + 1, column: offset - (starts[line] ?? 0) + 1 };
}

/** The region covering [start, end) offsets. */
export function regionOf(starts: number[], start: number, end: number): Region {
  const a = positionAt(starts, start);
  const b = positionAt(starts, end);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

/** True when `inner` lies inside `outer` (both in lines and columns). */
export function regionWithin(inner: Region, outer: Region): boolean {
  const startsAfter = inner.startLine > outer.startLine || (inner.startLine === outer.startLine && inner.startColumn >= outer.startColumn);
  const endsBefore = inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn);
  return startsAfter && endsBefore;
}

/** Index of the line holding `offset` (binary search). */
function lineIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Lines of a decoded text. */
export function textLines(text: string, starts: number[] = lineStarts(text)): SourceLines {
  const line = (n: number): string | undefined => {
    const begin = starts[n - 1];
    if (begin === undefined || n < 1) return undefined;
    const next = starts[n];
    return text.slice(begin, next === undefined ? text.length : next - 1).replace(/\r$/, '');
  };
  return {
    line,
    lineLength: (n) => line(n)?.length ?? 0,
    lineSlice: (n, from, to) => line(n)?.slice(Math.max(0, from), Math.max(0, to)) ?? '',
    lineIncludes: (n, needle) => line(n)?.toLowerCase().includes(needle) ?? false,
  };
}

/** Lines of UTF-8 bytes, decoded on demand. Also turns byte offsets into regions. */
export class ByteLines implements SourceLines {
  private starts?: number[];
  private ascii?: boolean;
  private lastLine = -1;
  private lastText = '';

  constructor(readonly bytes: Buffer) {}

  /** The region of bytes [start, end), in lines and UTF-16 columns. */
  region(start: number, end: number): Region {
    const a = this.position(start);
    const b = this.position(end);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }

  line(n: number): string | undefined {
    if (n === this.lastLine) return this.lastText;
    const span = this.span(n);
    if (!span) return undefined;
    this.lastLine = n;
    this.lastText = this.bytes.toString('utf8', span[0], span[1]);
    return this.lastText;
  }

  lineLength(n: number): number {
    const span = this.span(n);
    if (!span) return 0;
    return this.isAscii() ? span[1] - span[0] : this.line(n)!.length;
  }

  lineSlice(n: number, from: number, to: number): string {
    const span = this.span(n);
    if (!span) return '';
    if (!this.isAscii()) return this.line(n)!.slice(Math.max(0, from), Math.max(0, to));
    const [begin, end] = span;
    return this.bytes.toString('latin1', Math.min(end, begin + Math.max(0, from)), Math.min(end, begin + Math.max(0, to)));
  }

  lineIncludes(n: number, needle: string): boolean {
    const span = this.span(n);
    if (!span) return false;
    // Horspool's search with ASCII case folding: a minified line is a megabyte, and the needle
    // (the ignore directive) is 16 bytes, so most bytes are skipped, none decoded.
    const bytes = this.bytes;
    const m = needle.length;
    if (m === 0) return true;
    const shift = shiftTable(needle);
    for (let i = span[0] + m - 1; i < span[1]; i += shift[fold(bytes[i]!)]!) {
      let k = 0;
      while (k < m && fold(bytes[i - k]!) === needle.charCodeAt(m - 1 - k)) k++;
      if (k === m) return true;
    }
    return false;
  }

  private isAscii(): boolean {
    return (this.ascii ??= isAscii(this.bytes));
  }

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    for (let i = this.bytes.indexOf(10); i !== -1; i = this.bytes.indexOf(10, i + 1)) starts.push(i + 1);
    return (this.starts = starts);
  }

  /** Bytes [begin, end) of line `n`, without its line break and a `\r` before it. */
  private span(n: number): [number, number] | undefined {
    const starts = this.lineStarts();
    const begin = starts[n - 1];
    if (begin === undefined || n < 1) return undefined;
    const next = starts[n];
    let end = next === undefined ? this.bytes.length : next - 1;
    if (end > begin && this.bytes[end - 1] === 13) end--;
    return [begin, end];
  }

  private position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    const line = lineIndexAt(starts, offset);
    const begin = starts[line] ?? 0;
    const column = this.isAscii() ? offset - begin : this.bytes.toString('utf8', begin, offset).length;
    return { line: line + 1, column: column + 1 };
  }
}

/** ASCII upper case to lower case; other bytes as they are. */
function fold(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}

const shiftTables = new Map<string, Uint8Array>();

/** Horspool's bad-character table of a lower-case ASCII needle (a longer one than 255 bytes moves one byte at a time). */
function shiftTable(needle: string): Uint8Array {
  let table = shiftTables.get(needle);
  if (!table) {
    const m = needle.length;
    table = new Uint8Array(256).fill(m > 255 ? 1 : m);
    if (m <= 255) for (let k = 0; k < m - 1; k++) table[needle.charCodeAt(k)] = m - 1 - k;
    shiftTables.set(needle, table);
  }
  return table;
}
