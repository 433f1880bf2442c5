/**
 * The secret catalog: rules as data (rules/*.yaml), validated and loaded once.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { catalogDir } from '@leakguard/rules';
import type { Severity } from '../rule-meta.js';
import { yaml } from '../yaml.js';
import { NAME_CHECKS } from './credential-names.js';
import { GATES } from './gates.js';
import { VALIDATORS } from './validators.js';

export interface CatalogRule {
  /** `secret/<provider-token>` */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** Lower-case literals; the rule's pattern only runs where one occurs. */
  keywords: string[];
  /** A pattern in the syntax RE2 and JavaScript share. */
  pattern: string;
  /** Capture group holding the secret (default: 1 when the pattern has a group, else the match). */
  secretGroup?: number;
  /** Capture group holding the name a value is assigned to, for `nameCheck`. */
  nameGroup?: number;
  /** A named check of that name (see credential-names.ts): the match is kept only when it passes. */
  nameCheck?: string;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Offline validation of the secret's own checksum. */
  validate?: string;
  /** Patterns that mark a match as a placeholder, not a secret. */
  allow?: string[];
  /** Compile the pattern case-insensitively (both engines share the `i` flag, not `(?i)`). */
  ignoreCase?: boolean;
  /**
   * The pattern may span lines (PEM blocks): its window around a keyword is not cut at line ends.
   */
  multiline?: boolean;
  /** How many characters on each side of a keyword the pattern sees (default 512; a `^`-anchored pattern sees its line from the start). */
  window?: number;
  /** How many characters before the end of a keyword a match may start (default: `window`). */
  before?: number;
  /**
   * A named check at each keyword hit (see gates.ts) that must pass for the pattern to run there:
   * for broad rules whose keywords are everywhere in code.
   */
  gate?: string;
  /**
   * A broad rule (generic assignment, any PEM key, password in any URL): dropped where a specific
   * rule reports an overlapping secret, so one credential is one finding.
   */
  generic?: boolean;
  /** A catch-all rule (generic assignments, any password in a URL): dropped under any other rule's match. */
  fallback?: boolean;
  /**
   * `name`: the rule reads the names of binary files (cli/src/key-store-files.ts), never file
   * contents: a committed key store is found by its name and its first bytes.
   */
  target?: 'name';
  /**
   * The real format has long runs of one character (X/Twitter bearer tokens open with 21 "A"s): the
   * made-up-value check (made-up.ts) is not applied to this rule's secrets; announced placeholders still are.
   */
  longRuns?: boolean;
  /** Where the credential says when it stops working: an expired one grants nothing and is not reported (expiry.ts). */
  expires?: 'jwt' | 'sas';
  /** Extra Markdown help (how to revoke / rotate this credential). */
  help?: string;
  tags?: string[];
  /**
   * Positive examples mark the secret with `«` and `»` (the markers are removed before scanning);
   * negative examples are texts the rule must not report.
   */
  examples: { positive: string[]; negative: string[] };
  /** The YAML file the rule came from (for messages). */
  source: string;
}

export class CatalogError extends Error {}

/** Splits a positive example into the text to scan and the marked secrets' offsets in it. */
export function parseExample(example: string): { text: string; secrets: { start: number; end: number; value: string }[] } {
  let text = '';
  const secrets: { start: number; end: number; value: string }[] = [];
  let open = -1;
  for (const ch of example) {
    if (ch === '«') open = text.length;
    else if (ch === '»' && open >= 0) {
      secrets.push({ start: open, end: text.length, value: text.slice(open, text.length) });
      open = -1;
    } else text += ch;
  }
  return { text, secrets };
}

const SEVERITIES = new Set(['critical', 'high', 'medium', 'low']);

/** Validates one raw rule object; returns it typed or throws a CatalogError naming the problem. */
export function parseCatalogRule(raw: unknown, source: string, requireExamples = true): CatalogRule {
  const where = (id: string) => `${source}: rule ${id}`;
  if (typeof raw !== 'object' || raw === null) throw new CatalogError(`${source}: a rule must be a mapping`);
  const r = raw as Record<string, unknown>;
  const id = typeof r.id === 'string' ? r.id : '<no id>';
  if (!/^secret\/[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new CatalogError(`${where(id)}: id must be secret/<kebab-name>`);
  for (const key of ['title', 'description', 'pattern'] as const) {
    if (typeof r[key] !== 'string' || (r[key] as string).trim() === '') throw new CatalogError(`${where(id)}: "${key}" must be a non-empty string`);
  }
  if (typeof r.severity !== 'string' || !SEVERITIES.has(r.severity)) throw new CatalogError(`${where(id)}: "severity" must be one of critical, high, medium, low`);
  if (!Array.isArray(r.keywords) || r.keywords.length === 0 || !r.keywords.every((k) => typeof k === 'string' && k.length > 0)) {
    throw new CatalogError(`${where(id)}: "keywords" must be a non-empty list of strings`);
  }
  const ex = r.examples as { positive?: unknown; negative?: unknown } | undefined;
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  const hasExamples = !!ex && isStrings(ex.positive) && isStrings(ex.negative) && ex.positive.length > 0 && ex.negative.length > 0;
  if (!hasExamples && (requireExamples || ex !== undefined)) {
    throw new CatalogError(`${where(id)}: "examples" needs at least one positive and one negative example`);
  }
  const rule: CatalogRule = {
    id,
    title: r.title as string,
    description: r.description as string,
    severity: r.severity as Severity,
    keywords: (r.keywords as string[]).map((k) => k.toLowerCase()),
    pattern: r.pattern as string,
    examples: hasExamples ? { positive: ex!.positive as string[], negative: ex!.negative as string[] } : { positive: [], negative: [] },
    source,
  };
  if (r.secretGroup !== undefined) {
    if (!Number.isInteger(r.secretGroup) || (r.secretGroup as number) < 0) throw new CatalogError(`${where(id)}: "secretGroup" must be a whole number`);
    rule.secretGroup = r.secretGroup as number;
  }
  if (r.nameCheck !== undefined || r.nameGroup !== undefined) {
    if (typeof r.nameCheck !== 'string' || !(r.nameCheck in NAME_CHECKS)) throw new CatalogError(`${where(id)}: "nameCheck" must name one of: ${Object.keys(NAME_CHECKS).join(', ')}`);
    if (!Number.isInteger(r.nameGroup) || (r.nameGroup as number) < 1) throw new CatalogError(`${where(id)}: "nameCheck" needs "nameGroup", the capture group of the name`);
    rule.nameCheck = r.nameCheck;
    rule.nameGroup = r.nameGroup as number;
  }
  if (r.entropy !== undefined) {
    if (typeof r.entropy !== 'number' || r.entropy < 0 || r.entropy > 8) throw new CatalogError(`${where(id)}: "entropy" must be a number from 0 to 8`);
    rule.entropy = r.entropy;
  }
  if (r.validate !== undefined) {
    if (typeof r.validate !== 'string' || !(r.validate in VALIDATORS)) {
      throw new CatalogError(`${where(id)}: "validate" must name one of: ${Object.keys(VALIDATORS).join(', ')}`);
    }
    rule.validate = r.validate;
  }
  if (r.gate !== undefined) {
    if (typeof r.gate !== 'string' || !(r.gate in GATES)) throw new CatalogError(`${where(id)}: "gate" must name one of: ${Object.keys(GATES).join(', ')}`);
    rule.gate = r.gate;
    // A gate looks along the keyword's line only.
    if (r.multiline === true) throw new CatalogError(`${where(id)}: "gate" cannot be used with "multiline"`);
  }
  if (r.allow !== undefined) {
    if (!isStrings(r.allow)) throw new CatalogError(`${where(id)}: "allow" must be a list of patterns`);
    rule.allow = r.allow;
  }
  if (r.target !== undefined) {
    if (r.target !== 'name') throw new CatalogError(`${where(id)}: "target" can only be name (the rule reads file names)`);
    rule.target = 'name';
  }
  if (r.help !== undefined) {
    if (typeof r.help !== 'string') throw new CatalogError(`${where(id)}: "help" must be Markdown text`);
    rule.help = r.help;
  }
  if (r.expires !== undefined) {
    if (r.expires !== 'jwt' && r.expires !== 'sas') throw new CatalogError(`${where(id)}: "expires" must be jwt or sas`);
    rule.expires = r.expires;
  }
  for (const key of ['ignoreCase', 'multiline', 'generic', 'fallback', 'longRuns'] as const) {
    if (r[key] === undefined) continue;
    if (typeof r[key] !== 'boolean') throw new CatalogError(`${where(id)}: "${key}" must be true or false`);
    rule[key] = r[key] as boolean;
  }
  for (const key of ['window', 'before'] as const) {
    if (r[key] === undefined) continue;
    if (!Number.isInteger(r[key]) || (r[key] as number) < 16 || (r[key] as number) > 65536) throw new CatalogError(`${where(id)}: "${key}" must be a whole number from 16 to 65536`);
    rule[key] = r[key] as number;
  }
  if (!rule.keywords.every((k) => /^[\x20-\x7e]+$/.test(k))) throw new CatalogError(`${where(id)}: "keywords" must be printable ASCII`);
  if (r.tags !== undefined) {
    if (!isStrings(r.tags)) throw new CatalogError(`${where(id)}: "tags" must be a list of strings`);
    rule.tags = r.tags;
  }
  return rule;
}

const CACHE_FORMAT = 1;

/**
 * Parsing 300 KB of YAML costs about half a second in a cold process (more than scanning a large
 * repository for a pre-commit hook), so the parsed documents are cached as JSON under the catalog's
 * own `node_modules/.cache` (same trust as the YAML; never a world-writable place), keyed by each
 * file's name, size and mtime. The cached documents are validated again like fresh ones. A cache
 * that cannot be read or written is simply not used.
 */
function catalogCachePath(dir: string): string {
  return join(dir, 'node_modules', '.cache', 'leakguard', 'catalog.json');
}

function readDocs(dir: string, files: string[], useCache: boolean): [string, unknown][] {
  const key = createHash('sha256')
    .update(JSON.stringify([CACHE_FORMAT, files.map((f) => {
      const st = statSync(join(dir, f));
      return [f, st.size, st.mtimeMs];
    })]))
    .digest('hex');
  const cachePath = catalogCachePath(dir);
  if (useCache) {
    try {
      const cached = JSON.parse(readFileSync(cachePath, 'utf8')) as { key?: string; docs?: [string, unknown][] };
      if (cached.key === key && Array.isArray(cached.docs)) return cached.docs;
    } catch {
      // no cache yet, or unreadable: parse the YAML
    }
  }
  const docs = files.map((file): [string, unknown] => [file, yaml().parse(readFileSync(join(dir, file), 'utf8'))]);
  if (useCache) {
    try {
      mkdirSync(dirname(cachePath), { recursive: true });
      const tmp = `${cachePath}.${process.pid}.${threadId}.tmp`;
      writeFileSync(tmp, JSON.stringify({ key, docs }));
      renameSync(tmp, cachePath);
    } catch {
      // read-only install: no cache
    }
  }
  return docs;
}

/** Reads every `*.yaml` file of the catalog folder. Duplicate ids are an error. */
export function loadCatalog(dir: string = catalogDir, options: { cache?: boolean } = {}): CatalogRule[] {
  const rules: CatalogRule[] = [];
  const seen = new Map<string, string>();
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  for (const [file, raw] of readDocs(dir, files, options.cache !== false)) {
    const doc = raw as { rules?: unknown } | null;
    if (!doc || !Array.isArray(doc.rules)) throw new CatalogError(`${file}: expected a top-level "rules" list`);
    for (const rawRule of doc.rules) {
      const rule = parseCatalogRule(rawRule, file);
      const previous = seen.get(rule.id);
      if (previous) throw new CatalogError(`${file}: rule ${rule.id} is already defined in ${previous}`);
      seen.set(rule.id, file);
      rules.push(rule);
    }
  }
  return rules;
}
