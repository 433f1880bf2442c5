/**
 * What a reviewer resolves in Terraform: variable defaults and `.tfvars`, `locals`, string
 * interpolation of known values, `jsonencode(...)`, `merge`/`concat`, conditionals on known
 * booleans. Everything else (resources' attributes, data sources, functions of unknowns) stays
 * `unknown`, carrying the reference text so the env check can tell a secret store from the rest.
 *
 * A value that comes from elsewhere (a variable's default, a local in another file) is reported at
 * the expression that used it: that is the line of this file a reviewer must change or read.
 *
 * Each local and variable is evaluated once (memoised) and every step is charged to the file's
 * `ResolveBudget`: locals that fan out (`a1 = "${local.a0}${local.a0}"`, ...) stop at a bound and
 * stay unknown instead of taking minutes and gigabytes.
 */
import { ResolveBudget, type LimitReason, type Region } from '@leakguard/core';
import type { HExpr } from './model.js';

export type V =
  | { t: 'str'; v: string; r: Region; off?: number }
  | { t: 'num'; v: number; r: Region }
  | { t: 'bool'; v: boolean; r: Region }
  | { t: 'null'; r: Region }
  | { t: 'list'; items: V[]; r: Region }
  | { t: 'obj'; entries: { key: string; keyRegion: Region; value: V }[]; r: Region }
  | { t: 'unknown'; r: Region; ref?: string };

export interface VariableDecl {
  sensitive: boolean | 'unknown';
  default?: HExpr;
  /** From `terraform.tfvars` / `*.auto.tfvars`. */
  assigned?: HExpr;
}

export interface Scope {
  variables: Map<string, VariableDecl>;
  locals: Map<string, HExpr>;
}

const MAX_DEPTH = 64;

/** A value moved to where it is used; charges one step per node (a shared value copied many times adds up). */
function restamp(v: V, r: Region, budget: ResolveBudget): V {
  if (!budget.charge()) return { t: 'unknown', r };
  switch (v.t) {
    case 'list':
      return { t: 'list', items: v.items.map((i) => restamp(i, r, budget)), r };
    case 'obj':
      return { t: 'obj', entries: v.entries.map((e) => ({ key: e.key, keyRegion: r, value: restamp(e.value, r, budget) })), r };
    case 'str':
      return { t: 'str', v: v.v, r };
    default:
      return { ...v, r };
  }
}

function follow(v: V, path: (string | number)[], r: Region, ref: string): V {
  let cur = v;
  for (const p of path) {
    if (cur.t === 'obj') {
      const e = cur.entries.find((x) => x.key === String(p));
      if (!e) return { t: 'unknown', r, ref };
      cur = e.value;
    } else if (cur.t === 'list' && typeof p === 'number') {
      const item = cur.items[p];
      if (!item) return { t: 'unknown', r, ref };
      cur = item;
    } else return { t: 'unknown', r, ref };
  }
  return cur;
}

export class Evaluator {
  private readonly evaluating = new Set<string>();
  /** `local.x` / `var.x` -> its value where it is declared, evaluated once. */
  private readonly memo = new Map<string, V>();
  constructor(
    private readonly scope: Scope,
    readonly budget: ResolveBudget = new ResolveBudget(),
  ) {}

  /** Unknown, and the bound recorded at the expression that hit it. */
  private tooLarge(r: Region, reason: LimitReason): V {
    this.budget.hit(reason, r.startLine, r.startColumn);
    return { t: 'unknown', r };
  }

  eval(e: HExpr, depth = 0): V {
    if (depth > MAX_DEPTH) return this.tooLarge(e.r, 'too deep');
    if (!this.budget.charge()) return this.tooLarge(e.r, 'too much work');
    const v = this.evalExpr(e, depth);
    const size = v.t === 'str' ? v.v.length : v.t === 'list' ? v.items.length : v.t === 'obj' ? v.entries.length : 0;
    return this.budget.fits(size) ? v : this.tooLarge(e.r, 'too large');
  }

  private evalExpr(e: HExpr, depth: number): V {
    switch (e.k) {
      case 'lit':
        if (typeof e.value === 'string') return e.off !== undefined ? { t: 'str', v: e.value, r: e.r, off: e.off } : { t: 'str', v: e.value, r: e.r };
        if (typeof e.value === 'number') return { t: 'num', v: e.value, r: e.r };
        if (typeof e.value === 'boolean') return { t: 'bool', v: e.value, r: e.r };
        return { t: 'null', r: e.r };
      case 'tpl': {
        let out = '';
        for (const p of e.parts) {
          if (typeof p === 'string') {
            out += p;
            continue;
          }
          const v = this.eval(p, depth + 1);
          if (v.t === 'str' || v.t === 'num' || v.t === 'bool') out += String(v.v);
          else return { t: 'unknown', r: e.r, ref: e.text };
          if (!this.budget.fits(out.length)) return this.tooLarge(e.r, 'too large');
          if (!this.budget.charge(out.length >> 6)) return this.tooLarge(e.r, 'too much work');
        }
        return { t: 'str', v: out, r: e.r };
      }
      case 'tuple':
        return { t: 'list', items: e.items.map((i) => this.eval(i, depth + 1)), r: e.r };
      case 'object':
        return { t: 'obj', entries: e.entries.map((x) => ({ key: x.key, keyRegion: x.keyRegion, value: this.eval(x.value, depth + 1) })), r: e.r };
      case 'ref':
        return this.ref(e, depth);
      case 'call':
        return this.call(e, depth);
      case 'cond': {
        const c = this.eval(e.cond, depth + 1);
        if (c.t === 'bool') return this.eval(c.v ? e.a : e.b, depth + 1);
        return { t: 'unknown', r: e.r };
      }
      default:
        return { t: 'unknown', r: e.r, ref: e.text };
    }
  }

  private ref(e: Extract<HExpr, { k: 'ref' }>, depth: number): V {
    const [name, ...rest] = e.path;
    if (e.root === 'var' && typeof name === 'string') {
      const decl = this.scope.variables.get(name);
      const value = decl?.assigned ?? decl?.default;
      if (!value) return { t: 'unknown', r: e.r, ref: `var.${name}` };
      return this.declared(`var.${name}`, value, e, rest, depth);
    }
    if (e.root === 'local' && typeof name === 'string') {
      const value = this.scope.locals.get(name);
      if (!value) return { t: 'unknown', r: e.r, ref: e.text };
      return this.declared(`local.${name}`, value, e, rest, depth);
    }
    return { t: 'unknown', r: e.r, ref: e.text };
  }

  /** A local's or variable's value (evaluated once; a cycle is unknown), moved to the reference `e`. */
  private declared(key: string, value: HExpr, e: Extract<HExpr, { k: 'ref' }>, rest: (string | number)[], depth: number): V {
    let v = this.memo.get(key);
    if (v === undefined) {
      if (this.evaluating.has(key)) return { t: 'unknown', r: e.r, ref: e.text };
      this.evaluating.add(key);
      try {
        v = this.eval(value, depth + 1);
      } finally {
        this.evaluating.delete(key);
      }
      this.memo.set(key, v);
    }
    return follow(restamp(v, e.r, this.budget), rest, e.r, e.text);
  }

  private call(e: Extract<HExpr, { k: 'call' }>, depth: number): V {
    const args = () => e.args.map((a) => this.eval(a, depth + 1));
    switch (e.name) {
      case 'jsonencode':
      case 'tolist':
      case 'toset':
      case 'tomap':
      case 'sensitive':
      case 'nonsensitive':
        return e.args[0] ? this.eval(e.args[0], depth + 1) : { t: 'unknown', r: e.r };
      case 'concat': {
        const lists = args();
        if (lists.every((l) => l.t === 'list')) {
          const items = lists.flatMap((l) => (l.t === 'list' ? l.items : []));
          return this.budget.charge(items.length) ? { t: 'list', items, r: e.r } : this.tooLarge(e.r, 'too much work');
        }
        return { t: 'unknown', r: e.r, ref: e.text };
      }
      case 'merge': {
        const objs = args();
        if (!objs.every((o) => o.t === 'obj')) return { t: 'unknown', r: e.r, ref: e.text };
        const entries = new Map<string, { key: string; keyRegion: Region; value: V }>();
        for (const o of objs) if (o.t === 'obj') for (const x of o.entries) entries.set(x.key, x);
        if (!this.budget.charge(entries.size)) return this.tooLarge(e.r, 'too much work');
        return { t: 'obj', entries: [...entries.values()], r: e.r };
      }
      default:
        return { t: 'unknown', r: e.r, ref: e.text };
    }
  }
}

/** The strings a value certainly holds (a string, or a list of them), and whether something was unknown. */
export function stringsOf(v: V): { values: { text: string; r: Region }[]; unresolved: boolean } {
  const items = v.t === 'list' ? v.items : [v];
  const values: { text: string; r: Region }[] = [];
  let unresolved = false;
  for (const i of items) {
    if (i.t === 'str') values.push({ text: i.v, r: i.r });
    else if (i.t !== 'null') unresolved = true;
  }
  return { values, unresolved };
}
