/**
 * `.tf` / `.tfvars` -> model, through tree-sitter and the Terraform grammar shipped (as WASM) in
 * @tree-sitter-grammars/tree-sitter-hcl. The grammar is loaded once per process by `initHcl()`.
 * Positions: tree-sitter reports rows and columns in UTF-16 code units for JS strings, as SARIF wants.
 */
import { createRequire } from 'node:module';
import { GrammarAbortError, lineStarts, TreeSitterGrammar, type Region } from '@leakguard/core';
import type { Node as TSNode, Tree } from 'web-tree-sitter';
import { fastParseHcl } from './fast-hcl.js';
import { flushHeredoc, gapBreaksLine, unescapeHeredoc, unescapeQuoted } from './hcl-text.js';
import type { HAttr, HBlock, HBody, HExpr, HFile, ParseError } from './model.js';

/** Loaded on the first file that needs it, and again after an abort (core's TreeSitterGrammar). */
const grammar = new TreeSitterGrammar<Tree>(createRequire(import.meta.url), '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');

export function initHcl(): Promise<void> {
  return grammar.load();
}

export function hclReady(): boolean {
  return grammar.ready;
}

/**
 * Text tree-sitter is given at most: it takes ~110 bytes of WebAssembly memory per byte of input
 * (4 MiB: ~500 MB) and aborts near 19 MB. Larger files are read by the fast reader only.
 */
export const MAX_TREE_SITTER_CHARS = 4 * 1024 * 1024;

/** The file could not be parsed within the parser's bounds: a `limit` notification, never a crash. */
export class HclLimitError extends Error {}

const MAX_DEPTH = 200;

function regionOfNode(n: TSNode): Region {
  return { startLine: n.startPosition.row + 1, startColumn: n.startPosition.column + 1, endLine: n.endPosition.row + 1, endColumn: n.endPosition.column + 1 };
}

/** Named children without comments: a comment is never a child the converter reads by position. */
function named(n: TSNode): TSNode[] {
  return n.namedChildren.filter((c): c is TSNode => c !== null && c.type !== 'comment');
}

class Converter {
  errors: ParseError[] = [];
  constructor(private readonly text: string) {}

  /** Nesting past the bound is read as an unknown value, and said (a bound is never silent). */
  tooDeep(n: TSNode): void {
    this.errors.push({ message: `nesting deeper than ${MAX_DEPTH} levels`, line: n.startPosition.row + 1, column: n.startPosition.column + 1 });
  }

  body(n: TSNode, depth: number): HBody {
    const out: HBody = { attrs: [], blocks: [] };
    for (const c of named(n)) {
      if (c.type === 'attribute') {
        const a = this.attribute(c, depth);
        if (a) out.attrs.push(a);
      } else if (c.type === 'block') {
        out.blocks.push(this.block(c, depth));
      }
    }
    return out;
  }

  attribute(n: TSNode, depth: number): HAttr | undefined {
    const [id, expr] = named(n);
    if (!id || !expr) return undefined;
    // HCL ends an attribute at a line break: `a = # c` then a value on the next line is an error.
    if (gapBreaksLine(this.text.slice(id.endIndex, expr.startIndex))) {
      const eq = n.children.find((c) => c?.type === '=') ?? id;
      this.errors.push({ message: 'syntax error: an attribute value must start on the line of its name and "="', line: eq.endPosition.row + 1, column: eq.endPosition.column + 1 });
      return undefined;
    }
    return { name: id.text, nameRegion: regionOfNode(id), expr: this.expr(expr, depth + 1) };
  }

  block(n: TSNode, depth: number): HBlock {
    const kids = named(n);
    const type = kids[0]?.text ?? '';
    const labels: string[] = [];
    let last = kids[0];
    let body: HBody = { attrs: [], blocks: [] };
    for (const c of kids.slice(1)) {
      if (c.type === 'string_lit') {
        labels.push(unescapeQuoted(this.text.slice(c.startIndex + 1, c.endIndex - 1)));
        last = c;
      } else if (c.type === 'identifier') {
        labels.push(c.text);
        last = c;
      } else if (c.type === 'body') {
        if (depth > MAX_DEPTH) this.tooDeep(c);
        else body = this.body(c, depth + 1);
      }
    }
    const first = kids[0] ?? n;
    const header: Region = { startLine: first.startPosition.row + 1, startColumn: first.startPosition.column + 1, endLine: (last ?? first).endPosition.row + 1, endColumn: (last ?? first).endPosition.column + 1 };
    return { type, labels, header, body };
  }

  expr(n: TSNode, depth: number): HExpr {
    const r = regionOfNode(n);
    if (depth > MAX_DEPTH) {
      this.tooDeep(n);
      return { k: 'other', text: '', r };
    }
    switch (n.type) {
      case 'expression': {
        const kids = named(n);
        const head = kids[0];
        if (!head) return { k: 'other', text: n.text, r };
        if (head.type === 'variable_expr') {
          const path: (string | number)[] = [];
          let ok = true;
          for (const part of kids.slice(1)) {
            if (part.type === 'get_attr') path.push(named(part)[0]?.text ?? '');
            else if (part.type === 'index') {
              const idx = named(named(part)[0] ?? part)[0];
              const lit = idx ? this.expr(idx, depth + 1) : undefined;
              if (lit?.k === 'lit' && (typeof lit.value === 'string' || typeof lit.value === 'number')) path.push(lit.value);
              else ok = false;
            } else ok = false;
          }
          if (!ok) return { k: 'other', text: n.text, r };
          return { k: 'ref', root: head.text, path, text: n.text, r };
        }
        if (kids.length === 1) return this.expr(head, depth + 1);
        return { k: 'other', text: n.text, r };
      }
      case 'literal_value': {
        const c = named(n)[0];
        if (!c) return { k: 'other', text: n.text, r };
        if (c.type === 'numeric_lit') return { k: 'lit', value: Number(c.text), r };
        if (c.type === 'bool_lit') return { k: 'lit', value: c.text === 'true', r };
        if (c.type === 'null_lit') return { k: 'lit', value: null, r };
        if (c.type === 'string_lit') {
          // The text between the quotes, spaces included (tree-sitter's template_literal drops them).
          const raw = this.text.slice(c.startIndex + 1, c.endIndex - 1);
          const exact = !/[\\$%]/.test(raw);
          return exact && raw !== '' ? { k: 'lit', value: raw, r, off: c.startIndex + 1 } : { k: 'lit', value: unescapeQuoted(raw), r };
        }
        return { k: 'other', text: n.text, r };
      }
      case 'template_expr': {
        const c = named(n)[0];
        return c ? this.template(c, r, depth) : { k: 'other', text: n.text, r };
      }
      case 'collection_value': {
        const c = named(n)[0];
        if (!c) return { k: 'other', text: n.text, r };
        if (c.type === 'tuple') return { k: 'tuple', items: named(c).filter((x) => x.type === 'expression').map((x) => this.expr(x, depth + 1)), r };
        if (c.type === 'object') {
          const entries: { key: string; keyRegion: Region; value: HExpr }[] = [];
          for (const el of named(c)) {
            if (el.type !== 'object_elem') continue;
            const k = el.childForFieldName('key');
            const v = el.childForFieldName('val');
            if (!k || !v) continue;
            const key = this.expr(k, depth + 1);
            const name = key.k === 'ref' && key.path.length === 0 ? key.root : key.k === 'lit' && typeof key.value === 'string' ? key.value : undefined;
            if (name !== undefined) entries.push({ key: name, keyRegion: regionOfNode(k), value: this.expr(v, depth + 1) });
          }
          return { k: 'object', entries, r };
        }
        return { k: 'other', text: n.text, r };
      }
      case 'function_call': {
        const kids = named(n);
        const name = kids[0]?.text ?? '';
        const args = kids.find((x) => x.type === 'function_arguments');
        return { k: 'call', name, args: args ? named(args).filter((x) => x.type === 'expression').map((x) => this.expr(x, depth + 1)) : [], r, text: n.text };
      }
      case 'conditional': {
        const [c, a, b] = named(n);
        if (!c || !a || !b) return { k: 'other', text: n.text, r };
        return { k: 'cond', cond: this.expr(c, depth + 1), a: this.expr(a, depth + 1), b: this.expr(b, depth + 1), r };
      }
      default:
        return { k: 'other', text: n.text, r };
    }
  }

  template(n: TSNode, r: Region, depth: number): HExpr {
    const kids = named(n);
    if (n.type === 'heredoc_template') {
      const ids = kids.filter((k) => k.type === 'heredoc_identifier');
      const open = ids[0];
      const close = ids[1];
      const flush = this.text.slice(n.startIndex, (open ?? n).startIndex).includes('-');
      if (open && close) {
        // The content: from the line after `<<EOT` to the closing line, as written between the
        // interpolations; `<<-` then removes the common indentation.
        const start = this.text.indexOf('\n', open.endIndex) + 1;
        let end = close.startIndex;
        while (end > start && (this.text[end - 1] === ' ' || this.text[end - 1] === '\t')) end--;
        let parts = this.literalParts(kids, start, end, depth);
        if (flush) parts = flushHeredoc(parts);
        if (parts.every((p) => typeof p === 'string')) {
          const content = (parts as string[]).join('');
          const value = unescapeHeredoc(content);
          // The offset maps 1:1 only when nothing was removed or decoded.
          const written = this.text.slice(start, end);
          if (value === written) return { k: 'lit', value, r, off: start };
          // Only the indentation removed: the written text still locates JSON inside it.
          return flush && unescapeHeredoc(written) === written ? { k: 'lit', value, r, written: { start, end } } : { k: 'lit', value, r };
        }
        return { k: 'tpl', parts: parts.map((p) => (typeof p === 'string' ? unescapeHeredoc(p) : p)), r, text: n.text };
      }
      return { k: 'other', text: n.text, r };
    }
    // quoted_template: the text between the quotes and the interpolations, spaces included.
    const parts = this.literalParts(kids, n.startIndex + 1, n.endIndex - 1, depth).map((p) => (typeof p === 'string' ? unescapeQuoted(p) : p));
    return { k: 'tpl', parts, r, text: n.text };
  }

  /** Raw text between `start` and `end` cut by the interpolations and directives among `kids`. */
  literalParts(kids: TSNode[], start: number, end: number, depth: number): (string | HExpr)[] {
    const parts: (string | HExpr)[] = [];
    let at = start;
    for (const p of kids) {
      if (p.type !== 'template_interpolation' && p.type !== 'template_directive') continue;
      if (p.startIndex > at) parts.push(this.text.slice(at, p.startIndex));
      parts.push(p.type === 'template_interpolation' ? this.interp(p, depth) : { k: 'other', text: p.text, r: regionOfNode(p) });
      at = p.endIndex;
    }
    if (end > at) parts.push(this.text.slice(at, end));
    return parts;
  }

  interp(p: TSNode, depth: number): HExpr {
    const e = named(p).find((x) => x.type === 'expression');
    return e ? this.expr(e, depth + 1) : { k: 'other', text: p.text, r: regionOfNode(p) };
  }

  collectErrors(n: TSNode): void {
    if (this.errors.length >= 1) return; // the first error: the rest usually follow from it
    if (n.type === 'ERROR' || n.isMissing) {
      // The node's text is never quoted: it could be part of a secret.
      const what = n.isMissing ? `missing "${n.type}"` : 'unexpected input';
      this.errors.push({ message: `syntax error: ${what}`, line: n.startPosition.row + 1, column: n.startPosition.column + 1 });
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) this.collectErrors(c);
  }
}

/** LEAKGUARD_HCL_PARSER=tree-sitter: every file through tree-sitter (to compare, or if the fast reader is ever in doubt). */
const TREE_SITTER_ONLY = process.env.LEAKGUARD_HCL_PARSER === 'tree-sitter';

/**
 * Parses HCL text. Syntax errors are reported with positions; what parsed is still returned.
 * Well-formed files in the common subset are read directly (fast-hcl.ts, the same model);
 * everything else goes through tree-sitter. `starts`: the text's line starts, if known.
 */
export function parseHcl(text: string, starts?: number[]): HFile {
  if (!grammar.ready) throw new Error('the Terraform grammar is not loaded: call init() first');
  const fast = TREE_SITTER_ONLY ? undefined : fastParseHcl(text, starts ?? lineStarts(text));
  if (fast) return { body: fast, errors: [] };
  return parseHclTreeSitter(text);
}

/** Parses HCL text with tree-sitter only (the reference the fast reader is checked against). */
export function parseHclTreeSitter(text: string): HFile {
  if (text.length > MAX_TREE_SITTER_CHARS) throw new HclLimitError(`over ${MAX_TREE_SITTER_CHARS} characters outside what the fast reader takes`);
  let tree;
  try {
    tree = grammar.parse(text);
  } catch (error) {
    // The instance is dead: the next file loads a fresh one (the scanner awaits initHcl again).
    if (error instanceof GrammarAbortError) throw new HclLimitError(error.message);
    throw error;
  }
  if (!tree) return { body: { attrs: [], blocks: [] }, errors: [{ message: 'parser returned no tree', line: 1, column: 1 }] };
  try {
    const conv = new Converter(text);
    const root = tree.rootNode;
    if (root.hasError) conv.collectErrors(root);
    const body = named(root).find((c) => c.type === 'body');
    const out = body ? conv.body(body, 0) : { attrs: [], blocks: [] };
    // The first error only (the rest usually follow from it).
    const errors = conv.errors.sort((a, b) => a.line - b.line || a.column - b.column).slice(0, 1);
    return { body: out, errors };
  } finally {
    tree.delete();
  }
}
