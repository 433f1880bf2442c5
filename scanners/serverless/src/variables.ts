/**
 * Serverless Framework variables (v3 and v4): `${self:...}` is resolved in the file itself;
 * `${ssm:...}`, `${env:...}`, `${param:...}`, `${cf:...}`, `${s3:...}` are filled at deploy time
 * (into plaintext configuration when used in `environment`); `${opt:...}`, `${sls:...}`,
 * `${aws:...}`, `${file(...)}` and the rest stay unresolved.
 */
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

/** Resolves the variables of one string as far as a reviewer could. */
export function resolveString(text: string, root: PNode, depth = 0): SlsValue {
  const vars = variables(text);
  if (vars.length === 0) return { kind: 'str', text };
  if (depth > 8) return { kind: 'unresolved', text };
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
    const value = resolveOne(source, root, depth);
    if (value.kind === 'str') out += value.text;
    else {
      out += text.slice(start, end);
      if (value.kind === 'deploy-time') deployTime ??= value.source;
      else unresolved = true;
    }
  }
  out += text.slice(last);
  if (deployTime) return { kind: 'deploy-time', source: deployTime };
  return unresolved ? { kind: 'unresolved', text: out } : { kind: 'str', text: out };
}

function resolveOne(source: string, root: PNode, depth: number): SlsValue {
  if (source.startsWith('self:')) {
    const path = resolveString(source.slice(5), root, depth + 1);
    if (path.kind !== 'str') return { kind: 'unresolved', text: source };
    const node = lookup(root, path.text);
    if (node?.kind === 'scalar' && node.value !== null) return resolveString(String(node.value), root, depth + 1);
    return { kind: 'unresolved', text: source };
  }
  const m = DEPLOY_TIME.exec(source);
  if (m) return { kind: 'deploy-time', source: `\${${m[1]}:...}` };
  const quoted = /^(['"])(.*)\1$/.exec(source);
  if (quoted) return { kind: 'str', text: quoted[2]! };
  return { kind: 'unresolved', text: source };
}
