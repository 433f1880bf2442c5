/**
 * Bicep -> `AzureTemplate`, through tree-sitter and the grammar `tree-sitter-bicep` ships as WASM
 * (ABI 14, loaded by the `web-tree-sitter` the Terraform scanner uses). Objects, arrays and
 * literals become the positioned tree of scanner-cloudformation; an identifier becomes `Ref`, a
 * string with `${...}` an `Interpolation` (its text as written), anything else an `Expr`.
 * Conversion is bounded in depth and nodes; a parse error is reported, what parsed is kept.
 */
import { createRequire } from 'node:module';
import { classifyLiteral, GrammarAbortError, TreeSitterGrammar, type EnvValue } from '@leakguard/core';
import type { PEntry, PNode } from '@leakguard/scanner-cloudformation';
import type { Node as TSNode, Tree } from 'web-tree-sitter';
import type { AzureParam, AzureResource, AzureTemplate } from './model.js';

/** Loaded on the first `.bicep` file, and again after an abort (core's TreeSitterGrammar). */
const grammar = new TreeSitterGrammar<Tree>(createRequire(import.meta.url), 'tree-sitter-bicep/tree-sitter-bicep.wasm');

export function initBicep(): Promise<void> {
  return grammar.load();
}

export function bicepReady(): boolean {
  return grammar.ready;
}

export const BICEP_LIMITS = { maxDepth: 64, maxNodes: 200_000 };

export interface BicepParse {
  template: AzureTemplate;
  /** Syntax errors and exceeded limits, with their offsets. */
  problems: { message: string; offset: number }[];
}

const named = (n: TSNode): TSNode[] => n.namedChildren.filter((c): c is TSNode => c !== null && c.type !== 'comment');

/** `\'`, `\\`, `\n`, `\r`, `\t`, `\$`, `\u{...}` as Bicep reads them. */
function unescape(seq: string): string {
  const c = seq[1];
  if (c === 'n') return '\n';
  if (c === 'r') return '\r';
  if (c === 't') return '\t';
  if (c === 'u') return String.fromCodePoint(Number.parseInt(seq.slice(3, -1), 16) || 0xfffd);
  return c ?? '';
}

export function parseBicep(text: string): BicepParse {
  let tree;
  try {
    tree = grammar.parse(text);
  } catch (error) {
    // The instance is dropped; the scanner loads a fresh one for the next file.
    if (error instanceof GrammarAbortError) return { template: emptyTemplate(), problems: [{ message: error.message, offset: 0 }] };
    throw error;
  }
  if (!tree) return { template: emptyTemplate(), problems: [{ message: 'the Bicep parser gave no tree', offset: 0 }] };
  const problems: BicepParse['problems'] = [];
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const err = firstError(root);
      problems.push({ message: err?.isMissing ? `syntax error: missing ${err.type}` : 'syntax error', offset: err?.startIndex ?? 0 });
    }
    let nodes = 0;
    let limitHit = false;
    const span = (n: TSNode) => ({ start: n.startIndex, end: n.endIndex });

    const convert = (n: TSNode, depth: number): PNode => {
      if (++nodes > BICEP_LIMITS.maxNodes || depth > BICEP_LIMITS.maxDepth) {
        if (!limitHit) problems.push({ message: nodes > BICEP_LIMITS.maxNodes ? `more than ${BICEP_LIMITS.maxNodes} nodes` : `nesting deeper than ${BICEP_LIMITS.maxDepth} levels`, offset: n.startIndex });
        limitHit = true;
        return { kind: 'fn', name: 'Expr', arg: { kind: 'scalar', value: null, ...span(n) }, ...span(n) };
      }
      switch (n.type) {
        case 'object': {
          const entries: PEntry[] = [];
          for (const p of named(n)) {
            if (p.type !== 'object_property') continue;
            const [k, v] = named(p);
            if (!k || !v) continue;
            const key = k.type === 'string' ? stringValue(k) ?? k.text : k.text;
            entries.push({ key, keySpan: span(k), value: convert(v, depth + 1) });
          }
          return { kind: 'map', entries, ...span(n) };
        }
        case 'array':
          return { kind: 'seq', items: named(n).map((c) => convert(c, depth + 1)), ...span(n) };
        case 'string': {
          const v = stringValue(n);
          if (v !== undefined) return { kind: 'scalar', value: v, ...span(n) };
          return { kind: 'fn', name: 'Interpolation', arg: { kind: 'scalar', value: n.text, ...span(n) }, ...span(n) };
        }
        case 'number':
          return { kind: 'scalar', value: Number(n.text), ...span(n) };
        case 'boolean':
          return { kind: 'scalar', value: n.text === 'true', ...span(n) };
        case 'null':
          return { kind: 'scalar', value: null, ...span(n) };
        case 'identifier':
          return { kind: 'fn', name: 'Ref', arg: { kind: 'scalar', value: n.text, ...span(n) }, ...span(n) };
        case 'parenthesized_expression': {
          const inner = named(n)[0];
          return inner ? convert(inner, depth + 1) : { kind: 'scalar', value: null, ...span(n) };
        }
        default:
          return { kind: 'fn', name: 'Expr', arg: { kind: 'scalar', value: n.type, ...span(n) }, ...span(n) };
      }
    };

    const params: AzureParam[] = [];
    const vars = new Map<string, PNode>();
    const resources: AzureResource[] = [];
    let decorators: TSNode | undefined;

    const resource = (n: TSNode, parentType: string | undefined, depth: number, parentName?: string): void => {
      const kids = named(n);
      const id = kids[0];
      const typeNode = kids[1];
      const typeText = typeNode?.type === 'string' ? (stringValue(typeNode) ?? '') : '';
      const bare = typeText.split('@')[0] ?? '';
      const type = parentType && !bare.includes('/') ? `${parentType}/${bare}` : bare;
      // `= {...}`, `= if (c) {...}`, `= [for x in xs: {...}]`, `= [for x in xs: if (c) {...}]`.
      let bodyNode = kids[2];
      for (let i = 0; i < 4 && bodyNode && bodyNode.type !== 'object'; i++) bodyNode = named(bodyNode).find((c) => c.type === 'object' || c.type === 'if_statement' || c.type === 'for_statement' || c.type === 'array');
      if (!id || !bodyNode || bodyNode.type !== 'object') return;
      const body = convert(bodyNode, depth + 1);
      // `parent: site` names the enclosing resource of a top-level child.
      const parentRef = body.kind === 'map' ? body.entries.find((e) => e.key === 'parent')?.value : undefined;
      const parent = parentName ?? (parentRef?.kind === 'fn' && parentRef.arg.kind === 'scalar' ? String(parentRef.arg.value) : undefined);
      resources.push({ type, name: id.text, nameSpan: span(id), body, ...(parent ? { parent } : {}) });
      // Nested resources (`resource appSettings 'config' = {...}` inside a site).
      if (depth < 4) {
        for (const c of named(bodyNode)) {
          const nested = c.type === 'object_property' ? named(c)[0] : c;
          if (nested?.type === 'resource_declaration') resource(nested, type, depth + 1, id.text);
        }
      }
    };

    for (const d of named(root)) {
      if (d.type === 'decorators') {
        decorators = d;
        continue;
      }
      const decos = decorators;
      decorators = undefined;
      const kids = named(d);
      if (d.type === 'parameter_declaration' && kids[0]) {
        const secure = !!decos && named(decos).some((x) => /^secure\b/.test(named(x)[0]?.text ?? ''));
        const def = kids.find((c, i) => i >= 2);
        params.push({ name: kids[0].text, nameSpan: span(kids[0]), secure, ...(def ? { defaultValue: convert(def, 1) } : {}) });
      } else if (d.type === 'variable_declaration' && kids[0] && kids[1]) {
        vars.set(kids[0].text, convert(kids[kids.length - 1]!, 1));
      } else if (d.type === 'resource_declaration') {
        resource(d, undefined, 0);
      }
    }

    const paramByName = new Map(params.map((p) => [p.name, p]));
    const valueOf = (node: PNode, depth = 0): EnvValue => {
      if (depth > 8) return { kind: 'unresolved' };
      if (node.kind === 'scalar') return node.value === null ? { kind: 'unresolved' } : classifyLiteral(String(node.value));
      if (node.kind !== 'fn') return { kind: 'unresolved' };
      if (node.name === 'Interpolation') {
        // `@Microsoft.KeyVault(SecretUri=${kv.properties.secretUri})` is a reference whatever it interpolates.
        const raw = String(node.arg.kind === 'scalar' ? node.arg.value : '').replace(/^'|'$/g, '');
        const v = classifyLiteral(raw);
        return v.kind === 'reference' ? v : { kind: 'unresolved', text: raw };
      }
      if (node.name === 'Ref') {
        const name = String(node.arg.kind === 'scalar' ? node.arg.value : '');
        const p = paramByName.get(name);
        if (p) return p.secure ? { kind: 'reference', store: 'noecho-parameter', text: name } : { kind: 'deploy-time', source: `parameter ${name} without @secure()`, text: name };
        const v = vars.get(name);
        return v ? valueOf(v, depth + 1) : { kind: 'unresolved', text: name };
      }
      return { kind: 'unresolved' };
    };
    return { template: { format: 'bicep', params, resources, valueOf: (n) => valueOf(n) }, problems };
  } finally {
    tree.delete();
  }
}

/** A string's value when it has no interpolation; undefined otherwise. */
function stringValue(n: TSNode): string | undefined {
  let out = '';
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'interpolation') return undefined;
    out += c.type === 'escape_sequence' ? unescape(c.text) : c.text;
  }
  // A multi-line string ('''...''') drops the line break that follows its opening quotes.
  return n.text.startsWith("'''") ? out.replace(/^\r?\n/, '') : out;
}

function firstError(n: TSNode): TSNode | undefined {
  const stack: TSNode[] = [n];
  let visited = 0;
  while (stack.length > 0 && visited++ < 100_000) {
    const x = stack.shift()!;
    if (x.isError || x.isMissing) return x;
    if (x.hasError) stack.unshift(...x.children.filter((c): c is TSNode => c !== null));
  }
  return undefined;
}

function emptyTemplate(): AzureTemplate {
  return { format: 'bicep', params: [], resources: [], valueOf: () => ({ kind: 'unresolved' }) };
}
