/**
 * A YAML or JSON document as a small positioned tree: maps, sequences, scalars and CloudFormation
 * intrinsic functions (short-form tags `!Ref` and long-form `{"Fn::Sub": ...}` alike). Offsets are
 * into the file's text, so a subtree handed to another scanner (serverless `resources:`) keeps its
 * positions. Aliases are expanded with a budget and nesting is bounded: an alias bomb or a
 * pathological document stops with an error instead of eating the memory.
 */
import { MAX_YAML_NESTING_ESTIMATE, mayNestDeeperThan, safeParserMessage, yaml, yamlErrorWords } from '@leakguard/core';
import type { Document, Node as YNode } from 'yaml';
import { fastParseYaml } from './fast-yaml.js';

export interface Span {
  start: number;
  end: number;
}
export interface PMap extends Span {
  kind: 'map';
  entries: PEntry[];
}
export interface PEntry {
  key: string;
  keySpan: Span;
  value: PNode;
}
export interface PSeq extends Span {
  kind: 'seq';
  items: PNode[];
}
export interface PScalar extends Span {
  kind: 'scalar';
  value: string | number | boolean | null;
}
export interface PFn extends Span {
  kind: 'fn';
  /** Long form: `Ref`, `Fn::Sub`, `Fn::GetAtt`, `Condition`... */
  name: string;
  arg: PNode;
}
export type PNode = PMap | PSeq | PScalar | PFn;

/** Short-form tags of the CloudFormation template language (and of SAM and serverless templates). */
export const INTRINSIC_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
  '!ForEach': 'Fn::ForEach',
};

const LONG_FORMS = new Set(['Ref', 'Condition', ...Object.values(INTRINSIC_TAGS)]);

const CUSTOM_TAGS = Object.keys(INTRINSIC_TAGS).flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const, resolve: (v: unknown) => v },
  { tag, collection: 'map' as const, resolve: (v: unknown) => v },
]);

export interface ParseLimits {
  /** Nesting depth (maps and sequences). */
  maxDepth: number;
  /** Nodes built in all, aliases expanded. */
  maxNodes: number;
  /** Aliases expanded (yaml's `maxAliasCount` idea, applied to our walk). */
  maxAliasCount: number;
}
export const DEFAULT_LIMITS: ParseLimits = { maxDepth: 64, maxNodes: 200_000, maxAliasCount: 100 };

export interface ParseProblem {
  message: string;
  /** Where in the text; absent when the place depends on the parser's stack (too deep). */
  offset?: number;
}

export interface ParsedDoc {
  root?: PNode;
  /**
   * Syntax errors and exceeded limits; the tree is absent when the document could not be read
   * (present, with a problem, when only the first of several documents was read).
   */
  problems: ParseProblem[];
}

/** Parser messages lose any quoted source text (it could be a secret): see core's safeParserMessage. */
export function safeMessage(message: string): string {
  return safeParserMessage(message, 'YAML error');
}

class LimitError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/**
 * Too deep: where yaml's recursion gives up depends on the thread's stack, so it is said without a
 * position, and whether the stack ran out or the tree is merely deep, it says the same thing.
 */
function tooDeepProblem(limits: ParseLimits): ParseProblem {
  return { message: `nesting deeper than ${limits.maxDepth} levels` };
}

/** Far too deep to hand to yaml at all (see core's yaml-depth.ts). */
function farTooDeep(text: string, limits: ParseLimits): boolean {
  return mayNestDeeperThan(text, Math.max(MAX_YAML_NESTING_ESTIMATE, limits.maxDepth));
}

/** Parses YAML (or JSON, a subset of YAML 1.2) into the positioned tree. */
export function parseTree(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedDoc {
  if (farTooDeep(text, limits)) return { problems: [tooDeepProblem(limits)] };
  // Most templates are in the subset the direct reader takes (fast-yaml.ts); the rest, and every
  // error, goes through yaml.
  const fast = YAML_ONLY ? undefined : fastParseYaml(text, { limits, tags: INTRINSIC_TAGS, longForms: LONG_FORMS });
  if (fast) return { root: fast, problems: [] };
  return parseWithYaml(text, limits);
}

/** `parseTree` through `yaml` only (the reference the direct reader is checked against). */
export function parseTreeWithYaml(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedDoc {
  if (farTooDeep(text, limits)) return { problems: [tooDeepProblem(limits)] };
  return parseWithYaml(text, limits);
}

/** A text that passed the depth check, through yaml and the converter. */
function parseWithYaml(text: string, limits: ParseLimits): ParsedDoc {
  const tooDeep = tooDeepProblem(limits);
  // Loaded on the first template the direct reader leaves (see core's yaml.ts).
  const { isMap, isPair, isSeq, parseDocument } = yaml();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, PARSE_OPTIONS);
  } catch {
    return { problems: [{ message: 'YAML error', offset: 0 }] };
  }
  if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION') || deeperThan(doc.contents, limits.maxDepth, isMap, isSeq, isPair)) return { problems: [tooDeep] };
  const problems: ParseProblem[] = [];
  if (doc.errors.length > 0) {
    // One notification per file: the first error (the rest usually follow from it), with a count;
    // its words come from its code only (see yamlErrorWords).
    const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0]!;
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
    const words = first.code === 'MULTIPLE_DOCS' ? 'more than one document (only the first was read)' : yamlErrorWords(first);
    problems.push({ message: `${words}${more}`, offset: first.pos[0] });
    // A stray `---` (a second document): the first is still read, and the problem still reported.
    if (!doc.errors.every((e) => e.code === 'MULTIPLE_DOCS')) return { problems };
  }
  if (!doc.contents) return { problems };
  const converted = convertDocument(doc, limits, { nodes: 0, aliases: 0 });
  return 'root' in converted ? { root: converted.root, problems } : { problems: [converted.problem] };
}

/** Nodes and aliases built so far: one count for every document of a file. */
interface Counts {
  nodes: number;
  aliases: number;
}

/** LEAKGUARD_YAML_PARSER=yaml: every document through `yaml` (to compare, or if the direct reader is ever in doubt). */
const YAML_ONLY = process.env.LEAKGUARD_YAML_PARSER === 'yaml';

const PARSE_OPTIONS = { customTags: CUSTOM_TAGS, uniqueKeys: false, strict: false, prettyErrors: false } as const;

/** Documents of a multi-document stream read at most (Kubernetes manifests are `---`-separated). */
export const MAX_DOCUMENTS = 1000;

/**
 * Every document of a YAML stream (Kubernetes manifests, `---`-separated), with the same limits as
 * `parseTree` counted over the whole file. A document with a syntax error is left out and named in
 * `problems`; the others are still read.
 */
export function parseDocuments(text: string, limits: ParseLimits = DEFAULT_LIMITS): { roots: PNode[]; problems: ParseProblem[] } {
  const { isMap, isPair, isSeq, parseAllDocuments } = yaml();
  const tooDeep = tooDeepProblem(limits);
  if (farTooDeep(text, limits)) return { roots: [], problems: [tooDeep] };
  // Cut before the parser sees more documents than are read: yaml parses the whole stream first,
  // and a million tiny documents cost it minutes and gigabytes.
  const cut = documentStart(text, MAX_DOCUMENTS);
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(cut === undefined ? text : text.slice(0, cut), PARSE_OPTIONS);
  } catch {
    return { roots: [], problems: [{ message: 'YAML error', offset: 0 }] };
  }
  if (!Array.isArray(docs)) return { roots: [], problems: [] };
  const roots: PNode[] = [];
  const problems: ParseProblem[] = [];
  const counts: Counts = { nodes: 0, aliases: 0 };
  for (const doc of docs) {
    if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION') || deeperThan(doc.contents, limits.maxDepth, isMap, isSeq, isPair)) {
      problems.push(tooDeep);
      continue;
    }
    if (doc.errors.length > 0) {
      const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0]!;
      problems.push({ message: yamlErrorWords(first), offset: first.pos[0] });
      continue;
    }
    if (!doc.contents) continue;
    const converted = convertDocument(doc as Document.Parsed, limits, counts);
    if (!('root' in converted)) {
      problems.push(converted.problem);
      break; // a limit on the whole file: the rest is not read
    }
    roots.push(converted.root);
  }
  if (cut !== undefined) problems.push({ message: `more than ${MAX_DOCUMENTS} documents (the rest were not read)`, offset: cut });
  return { roots, problems };
}

/**
 * Offset of the `---` line that starts document `n + 1` (counting an unmarked first document), or
 * undefined when the stream has no more than `n`. A `---` line inside a block scalar counts too: the
 * cut can only come earlier, never later.
 */
function documentStart(text: string, n: number): number | undefined {
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let count = /^\s*---(?=[ \t\r\n]|$)/.test(text) ? 0 : 1;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (count === n && m.index > 0) return m.index;
    count++;
  }
  return undefined;
}

/** One parsed document as the positioned tree, or the limit it hit. */
function convertDocument(doc: Document.Parsed, limits: ParseLimits, counts: Counts): { root: PNode } | { problem: ParseProblem } {
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  const convert = (node: YNode | null | undefined, depth: number, fallback: number): PNode => {
    if (++counts.nodes > limits.maxNodes) throw new LimitError(`document has more than ${limits.maxNodes} nodes`, fallback);
    if (depth > limits.maxDepth) throw new LimitError(`nesting deeper than ${limits.maxDepth} levels`, node?.range?.[0] ?? fallback);
    if (!node) return { kind: 'scalar', value: null, start: fallback, end: fallback };
    if (isAlias(node)) {
      if (++counts.aliases > limits.maxAliasCount) throw new LimitError(`more than ${limits.maxAliasCount} aliases (alias bomb?)`, node.range?.[0] ?? fallback);
      const target = node.resolve(doc);
      // yaml leaves an alias without its anchor to whoever reads it: an error (named, not quoted).
      if (target === undefined) throw new LimitError('an alias without its anchor', node.range?.[0] ?? fallback);
      const converted = convert(target as YNode | undefined, depth + 1, node.range?.[0] ?? fallback);
      // An alias points at its own place in the text.
      return { ...converted, start: node.range?.[0] ?? fallback, end: node.range?.[1] ?? fallback };
    }
    const start = node.range?.[0] ?? fallback;
    const end = node.range?.[1] ?? start;
    const tag = node.tag && INTRINSIC_TAGS[node.tag];
    let out: PNode;
    if (isScalar(node)) {
      const v = node.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
      out = { kind: 'scalar', value, start, end };
    } else if (isSeq(node)) {
      out = { kind: 'seq', items: node.items.map((i) => convert(i as YNode, depth + 1, start)), start, end };
    } else if (isMap(node)) {
      const entries: PEntry[] = [];
      for (const pair of node.items) {
        const k = pair.key as YNode | null;
        const keyStart = k?.range?.[0] ?? start;
        const keyEnd = k?.range?.[1] ?? keyStart;
        const key = isScalar(k) ? String(k.value) : '';
        entries.push({ key, keySpan: { start: keyStart, end: keyEnd }, value: convert(pair.value as YNode, depth + 1, keyEnd) });
      }
      // `{ "Ref": "X" }` / `{ "Fn::Sub": ... }` is the long form of an intrinsic.
      const only = entries.length === 1 ? entries[0] : undefined;
      out = only && LONG_FORMS.has(only.key) ? { kind: 'fn', name: only.key, arg: only.value, start, end } : { kind: 'map', entries, start, end };
    } else {
      out = { kind: 'scalar', value: null, start, end };
    }
    return tag ? { kind: 'fn', name: tag, arg: out, start, end } : out;
  };
  try {
    return { root: convert(doc.contents as YNode, 0, 0) };
  } catch (error) {
    if (error instanceof LimitError) return { problem: { message: error.message, offset: error.offset } };
    throw error;
  }
}

/** Whether yaml's tree nests maps and sequences deeper than `max` (walked with a stack, not recursion). */
function deeperThan(root: unknown, max: number, isMap: (n: unknown) => boolean, isSeq: (n: unknown) => boolean, isPair: (n: unknown) => boolean): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) {
      const pair = node as { key: unknown; value: unknown };
      stack.push([pair.key, depth], [pair.value, depth]);
    } else if (isMap(node) || isSeq(node)) {
      if (depth > max) return true;
      for (const item of (node as { items: unknown[] }).items) stack.push([item, depth + 1]);
    }
  }
  return false;
}

/** The value of `key` in a map node. */
export function get(node: PNode | undefined, key: string): PNode | undefined {
  if (!node || node.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i]!.value;
  return undefined;
}

/** The entry of `key` in a map node (for the key's position). */
export function entry(node: PNode | undefined, key: string): PEntry | undefined {
  if (!node || node.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i];
  return undefined;
}

/** Follows a path of keys. */
export function at(node: PNode | undefined, ...path: string[]): PNode | undefined {
  let cur = node;
  for (const key of path) cur = get(cur, key);
  return cur;
}

/** A scalar's text (numbers and booleans as written), or undefined. */
export function scalarText(node: PNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** A node as a list: a sequence's items, or the node itself. */
export function asList(node: PNode | undefined): PNode[] {
  if (!node) return [];
  return node.kind === 'seq' ? node.items : [node];
}
