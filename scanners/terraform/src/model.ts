/**
 * Terraform configuration as a small model with positions: blocks, attributes and expressions.
 * Built from the tree-sitter HCL tree (`.tf`, `.tfvars`) or from JSON (`.tf.json`); the evaluator
 * and the fact extraction work on this model only.
 */
import type { Region } from '@leakguard/core';

export type HExpr =
  | {
      k: 'lit';
      value: string | number | boolean | null;
      r: Region;
      /** File offset of the string's first character, when the text maps 1:1 (no escapes). */
      off?: number;
      /**
       * A `<<-` heredoc whose value lost its common indentation (so no `off`): where its content is
       * written. Read as JSON, that text means the same (only white space between tokens differs),
       * so a policy in it is still located exactly.
       */
      written?: { start: number; end: number };
    }
  | { k: 'tpl'; parts: (string | HExpr)[]; r: Region; off?: number; text: string }
  | { k: 'tuple'; items: HExpr[]; r: Region }
  | { k: 'object'; entries: { key: string; keyRegion: Region; value: HExpr }[]; r: Region }
  | { k: 'ref'; root: string; path: (string | number)[]; text: string; r: Region }
  | { k: 'call'; name: string; args: HExpr[]; r: Region; text: string }
  | { k: 'cond'; cond: HExpr; a: HExpr; b: HExpr; r: Region }
  | { k: 'other'; text: string; r: Region };

export interface HAttr {
  name: string;
  nameRegion: Region;
  expr: HExpr;
}

export interface HBody {
  attrs: HAttr[];
  blocks: HBlock[];
}

export interface HBlock {
  type: string;
  labels: string[];
  /** The block's header (type and labels): where findings about missing attributes point. */
  header: Region;
  body: HBody;
}

export interface ParseError {
  message: string;
  line: number;
  column: number;
}

export interface HFile {
  body: HBody;
  errors: ParseError[];
}

export function attr(body: HBody | undefined, name: string): HAttr | undefined {
  if (!body) return undefined;
  for (let i = body.attrs.length - 1; i >= 0; i--) if (body.attrs[i]!.name === name) return body.attrs[i];
  return undefined;
}

/**
 * Nested blocks named `name`: real blocks, and (for `.tf.json` and `dynamic`-free object syntax)
 * attributes whose value is an object or a list of objects.
 */
export function blocks(body: HBody | undefined, name: string): HBlock[] {
  if (!body) return [];
  const out = body.blocks.filter((b) => b.type === name);
  for (const a of body.attrs) {
    if (a.name !== name) continue;
    const objects = a.expr.k === 'object' ? [a.expr] : a.expr.k === 'tuple' ? a.expr.items.filter((i) => i.k === 'object') : [];
    for (const o of objects) if (o.k === 'object') out.push({ type: name, labels: [], header: a.nameRegion, body: objectBody(o) });
  }
  return out;
}

/** An object expression seen as a block body (its entries as attributes). */
export function objectBody(o: Extract<HExpr, { k: 'object' }>): HBody {
  return { attrs: o.entries.map((e) => ({ name: e.key, nameRegion: e.keyRegion, expr: e.value })), blocks: [] };
}
