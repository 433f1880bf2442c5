/**
 * Serverless Framework variables (v3 and v4): `${self:...}` is resolved in the file itself;
 * `${ssm:...}`, `${env:...}`, `${param:...}`, `${cf:...}`, `${s3:...}` are filled at deploy time
 * (into plaintext configuration when used in `environment`); `${opt:...}`, `${sls:...}`,
 * `${aws:...}`, `${file(...)}` and the rest stay unresolved.
 */
import { positionAt, ResolveBudget, type LimitReason } from '@leakguard/core';
import { get, type PNode } from '@leakguard/scanner-cloudformation';

export type SlsValue =
  | { kind: 'str'; text: string }
  | { kind: 'deploy-time'; source: string }
  | { kind: 'unresolved'; text: string };

/** Sources whose value the deployment copies into the stack. */
const DEPLOY_TIME = /^(ssm|env|param|cf|s3|secretsmanager)(\([^)]*\))?:/;

/** Finds `${...}` with nested braces; returns [start, end) pairs of outermost variables. */
function variables(text: string): [number, number][] {
  const out: [number, number][] = [];
  let i = text.indexOf('${');
  while (i >= 0) {
    let depth = 0;
    let j = i;
    for (; j < text.length; j++) {
      if (text[j] === '$' && text[j + 1] === '{') {
        depth++;
        j++;
      } else if (text[j] === '}') {
        depth--;
        if (depth === 0) break;
      }
    }
    if (depth !== 0) break;
    out.push([i, j + 1]);
    i = text.indexOf('${', j + 1);
  }
  return out;
}

/** Looks `custom.tables.orders` up in the document. */
function lookup(root: PNode, path: string): PNode | undefined {
  let cur: PNode | undefined = root;
  for (const part of path.split('.').filter(Boolean)) {
    if (!cur) return undefined;
    if (cur.kind === 'seq' && /^\d+$/.test(part)) cur = cur.items[Number(part)];
    else cur = get(cur, part);
  }
  return cur;
}

/** Resolves the variables of one string as far as a reviewer could (a one-off resolver). */
export function resolveString(text: string, root: PNode): SlsValue {
  return new SlsResolver(root).resolve(text);
}

/** Nested `${self:...}` lookups followed at most (a chain longer than this stays unresolved). */
const MAX_DEPTH = 16;

/**
 * The variables of one file. Each `${self:path}` is resolved once (memoised; a cycle stays
 * unresolved) and every step is charged to the file's `ResolveBudget`, so references that fan out
 * (`a2: ${self:a1}${self:a1}...`) or refer to themselves stop at a bound instead of taking minutes
 * and gigabytes; the bound is recorded at the value being resolved (`at`), never with its text.
 */
export class SlsResolver {
  private readonly memo = new Map<string, SlsValue>();
  private readonly resolving = new Set<string>();
  private at = 0;

  constructor(
    private readonly root: PNode,
    readonly budget: ResolveBudget = new ResolveBudget(),
    private readonly starts?: number[],
  ) {}

  /** `text`'s variables resolved; `at` is where the text is written (for a bound's notification). */
  resolve(text: string, at?: { start: number }): SlsValue {
    this.at = at?.start ?? 0;
    return this.resolveString(text, 0);
  }

  private limit(reason: LimitReason): SlsValue {
    const { line, column } = this.starts ? positionAt(this.starts, this.at) : { line: 1, column: 1 };
    this.budget.hit(reason, line, column);
    return { kind: 'unresolved', text: '${...}' };
  }

  private resolveString(text: string, depth: number): SlsValue {
    if (!this.budget.charge(1 + (text.length >> 6))) return this.limit('too much work');
    const vars = variables(text);
    if (vars.length === 0) return { kind: 'str', text };
    if (depth > MAX_DEPTH) return this.limit('too deep');
    let out = '';
    let last = 0;
    let deployTime: string | undefined;
    let unresolved = false;
    for (const [start, end] of vars) {
      out += text.slice(last, start);
      last = end;
      const inner = text.slice(start + 2, end - 1).trim();
      // `${ssm:/a, 'fallback'}`: the first source decides.
      const source = inner.split(/,(?![^(]*\))/)[0]!.trim();
      const value = this.resolveOne(source, depth);
      if (value.kind === 'str') out += value.text;
      else {
        out += text.slice(start, end);
        if (value.kind === 'deploy-time') deployTime ??= value.source;
        else unresolved = true;
      }
      if (!this.budget.fits(out.length)) return this.limit('too large');
      if (!this.budget.charge(out.length >> 6)) return this.limit('too much work');
    }
    out += text.slice(last);
    if (deployTime) return { kind: 'deploy-time', source: deployTime };
    return unresolved ? { kind: 'unresolved', text: out } : { kind: 'str', text: out };
  }

  private resolveOne(source: string, depth: number): SlsValue {
    if (source.startsWith('self:')) {
      const path = this.resolveString(source.slice(5), depth + 1);
      if (path.kind !== 'str') return { kind: 'unresolved', text: source };
      const key = path.text;
      const known = this.memo.get(key);
      if (known) return known;
      if (this.resolving.has(key)) return { kind: 'unresolved', text: source }; // refers to itself
      this.resolving.add(key);
      let value: SlsValue;
      try {
        const node = lookup(this.root, key);
        value = node?.kind === 'scalar' && node.value !== null ? this.resolveString(String(node.value), depth + 1) : { kind: 'unresolved', text: source };
      } finally {
        this.resolving.delete(key);
      }
      this.memo.set(key, value);
      return value;
    }
    const m = DEPLOY_TIME.exec(source);
    if (m) return { kind: 'deploy-time', source: `\${${m[1]}:...}` };
    const quoted = /^(['"])(.*)\1$/.exec(source);
    if (quoted) return { kind: 'str', text: quoted[2]! };
    return { kind: 'unresolved', text: source };
  }
}
