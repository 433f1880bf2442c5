/**
 * A small JSON reader that keeps offsets: for IAM policies written as heredocs or strings (so a
 * finding points at the `"*"` inside the heredoc) and for `.tf.json` files. Depth is bounded.
 */
import { regionOf, type Region } from '@leakguard/core';
import type { HBlock, HBody, HExpr, HFile } from './model.js';

export type J =
  | { t: 'obj'; entries: { key: string; keyStart: number; keyEnd: number; value: J }[]; start: number; end: number }
  | { t: 'arr'; items: J[]; start: number; end: number }
  | { t: 'str'; v: string; start: number; end: number }
  | { t: 'num'; v: number; start: number; end: number }
  | { t: 'bool'; v: boolean; start: number; end: number }
  | { t: 'null'; start: number; end: number };

export class JsonError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const MAX_DEPTH = 64;

/**
 * Parses JSON text; throws `JsonError` with the offset of the problem. `trailingCommas`: accept
 * `[a, b,]` (hand-written policy heredocs have them; a reviewer still reads the grant).
 */
export function parseJson(text: string, trailingCommas = false): J {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (msg: string): never => {
    throw new JsonError(msg, i);
  };
  const value = (depth: number): J => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: { key: string; keyStart: number; keyEnd: number; value: J }[] = [];
      ws();
      if (text[i] === '}') return i++, { t: 'obj', entries, start, end: i };
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a string key');
        const k = str();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        entries.push({ key: k.v, keyStart: k.start, keyEnd: k.end, value: value(depth + 1) });
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (trailingCommas && text[i] === '}') return i++, { t: 'obj', entries, start, end: i };
          continue;
        }
        if (text[i] === '}') return i++, { t: 'obj', entries, start, end: i };
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: J[] = [];
      ws();
      if (text[i] === ']') return i++, { t: 'arr', items, start, end: i };
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (trailingCommas && text[i] === ']') return i++, { t: 'arr', items, start, end: i };
          continue;
        }
        if (text[i] === ']') return i++, { t: 'arr', items, start, end: i };
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    const lit = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!lit) return fail('unexpected character');
    i += lit[0].length;
    const w = lit[0];
    if (w === 'true' || w === 'false') return { t: 'bool', v: w === 'true', start, end: i };
    if (w === 'null') return { t: 'null', start, end: i };
    return { t: 'num', v: Number(w), start, end: i };
  };
  const str = (): { t: 'str'; v: string; start: number; end: number } => {
    const start = i;
    i++;
    let out = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const n = text[i + 1];
        if (n === 'u') {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === 'b' ? '\b' : n === 'f' ? '\f' : (n ?? '');
          i += 2;
        }
      } else out += text[i++];
    }
    if (text[i] !== '"') fail('unterminated string');
    i++;
    return { t: 'str', v: out, start, end: i };
  };
  const v = value(0);
  ws();
  if (i < text.length) fail('unexpected text after the JSON value');
  return v;
}

// ---- .tf.json -> model -------------------------------------------------------------------------

function toExpr(j: J, starts: number[]): HExpr {
  const r = regionOf(starts, j.start, j.end);
  switch (j.t) {
    case 'obj':
      return { k: 'object', entries: j.entries.map((e) => ({ key: e.key, keyRegion: regionOf(starts, e.keyStart, e.keyEnd), value: toExpr(e.value, starts) })), r };
    case 'arr':
      return { k: 'tuple', items: j.items.map((x) => toExpr(x, starts)), r };
    case 'str': {
      if (!j.v.includes('${')) return { k: 'lit', value: j.v, r, off: j.start + 1 };
      const m = /^\$\{\s*(var|local)\.([A-Za-z0-9_-]+)\s*\}$/.exec(j.v);
      if (m) return { k: 'ref', root: m[1]!, path: [m[2]!], text: j.v, r };
      return { k: 'other', text: j.v, r };
    }
    case 'num':
    case 'bool':
      return { k: 'lit', value: j.v, r };
    case 'null':
      return { k: 'lit', value: null, r };
  }
}

function body(j: J, starts: number[]): HBody {
  if (j.t !== 'obj') return { attrs: [], blocks: [] };
  return { attrs: j.entries.map((e) => ({ name: e.key, nameRegion: regionOf(starts, e.keyStart, e.keyEnd), expr: toExpr(e.value, starts) })), blocks: [] };
}

const TWO_LABELS = new Set(['resource', 'data']);
const ONE_LABEL = new Set(['variable', 'output', 'module', 'provider']);

/** Reads a `.tf.json` file into the model: the same blocks as the HCL syntax. */
export function parseTfJson(text: string, starts: number[]): HFile {
  let root: J;
  try {
    root = parseJson(text);
  } catch (error) {
    const off = error instanceof JsonError ? error.offset : 0;
    const r = regionOf(starts, Math.min(off, text.length), Math.min(off, text.length));
    return { body: { attrs: [], blocks: [] }, errors: [{ message: `JSON syntax error: ${(error as Error).message}`, line: r.startLine, column: r.startColumn }] };
  }
  const out: HBody = { attrs: [], blocks: [] };
  if (root.t !== 'obj') return { body: out, errors: [] };
  const each = (j: J): J[] => (j.t === 'arr' ? j.items : [j]);
  for (const top of root.entries) {
    const header = (s: number, e: number): Region => regionOf(starts, s, e);
    if (TWO_LABELS.has(top.key) && top.value.t === 'obj') {
      for (const type of top.value.entries) {
        if (type.value.t !== 'obj') continue;
        for (const name of type.value.entries) for (const b of each(name.value)) out.blocks.push({ type: top.key, labels: [type.key, name.key], header: header(name.keyStart, name.keyEnd), body: body(b, starts) });
      }
    } else if (ONE_LABEL.has(top.key) && top.value.t === 'obj') {
      for (const name of top.value.entries) for (const b of each(name.value)) out.blocks.push({ type: top.key, labels: [name.key], header: header(name.keyStart, name.keyEnd), body: body(b, starts) });
    } else if (top.key === 'locals') {
      for (const b of each(top.value)) out.blocks.push({ type: 'locals', labels: [], header: header(top.keyStart, top.keyEnd), body: body(b, starts) } satisfies HBlock);
    }
  }
  return { body: out, errors: [] };
}
