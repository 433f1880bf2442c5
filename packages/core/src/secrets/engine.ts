/**
 * The secret engine: compiles the catalog once, then scans text.
 *
 * 1. One pass of a keyword automaton (Aho-Corasick, case-insensitive) finds every keyword of every
 *    rule; text with no keyword costs that pass and nothing else.
 * 2. A rule's pattern runs only in windows around its keywords' hits: the hit's line, at most
 *    `window` bytes each side (PEM-like `multiline` rules look past line ends). A broad rule's
 *    `gate` (gates.ts) first checks the hit in a few byte comparisons. Overlapping windows of one
 *    rule are merged, so each byte is searched at most once per rule.
 * 3. Entropy, checksum (`validate`), allow, placeholder, made-up-value and published-sample filters
 *    decide what is a secret; an expired one (`expires`) or one inside a file name
 *    (`favicon.ico-<hash>.png`) is dropped; a broad (`generic`) rule's match that overlaps a
 *    specific rule's is dropped.
 *
 * Secrets leave as offsets plus value for `buildFindings`, which hashes and redacts them.
 */
import type { FindingDraft } from '../build-findings.js';
import { lineStarts, regionOf, type ByteLines } from '../source-lines.js';
import type { RuleMeta } from '../rule-meta.js';
import { CatalogError, loadCatalog, parseExample, type CatalogRule } from './catalog.js';
import { shannonEntropy } from './entropy.js';
import { isDescriptiveName, nameWords } from '../env/names.js';
import { NAME_CHECKS, type NameCheck } from './credential-names.js';
import { GATES, type Gate } from './gates.js';
import { KeywordAutomaton } from './keywords.js';
import { jwtExpiry, sasExpiry, tokenAround } from './expiry.js';
import { insideFileName } from './in-file-name.js';
import { isMadeUp } from './made-up.js';
import { isAnnouncedPlaceholder } from './placeholders.js';
import { isPublishedSample } from './public-samples.js';
import { compileRegex, defaultRegexEngine, RegexCompileError, type RegexEngineName } from './regex.js';
import { secretRuleMeta } from './rule-meta.js';
import { VALIDATORS } from './validators.js';

export interface SecretMatch {
  ruleId: string;
  /** Offsets of the secret (not the whole match) in the scanned text. */
  start: number;
  end: number;
  /** The secret in clear. Internal: only `buildFindings` may see it. */
  secret: string;
}

interface CompiledRule {
  rule: CatalogRule;
  /** Compiled on first use: a short scan pays only for the rules whose keywords it meets. */
  regex?: RegExp;
  allow: RegExp[];
  group: number;
  window: number;
  /** Characters before the keyword's end where a match may start. */
  before: number;
  /** The pattern starts with `^`: its window always starts at the line start. */
  anchored: boolean;
  multiline: boolean;
  gate: Gate | undefined;
  /** Reads file names only (`target: name`): skipped when contents are scanned. */
  nameOnly: boolean;
  nameCheck: NameCheck | undefined;
}

export interface EngineOptions {
  /** Extra rules (user's custom rules), validated like the catalog's; their examples, when given, are verified. */
  extraRules?: CatalogRule[];
  /** Which rules to keep (default: all). */
  enabled?: (ruleId: string) => boolean;
  regexEngine?: RegexEngineName;
  /** Rules to use instead of the shipped catalog (tests). */
  rules?: CatalogRule[];
  /** Search at every keyword hit, ignoring the rules' gates (tests: a gate must never hide a match). */
  ungated?: boolean;
  /** The clock that decides whether a credential has expired, in ms since the epoch (tests fix it). */
  now?: () => number;
}

const DEFAULT_WINDOW = 512;
/** Between windows searched in one call: a line break and NULs, which no secret pattern spans in practice (and if one does, searchJoined notices). */
const JOIN_BYTES = Buffer.from('\n\u0000\u0000\n', 'latin1');

let cachedCatalog: CatalogRule[] | undefined;
/** The shipped catalog, read once per process (workers each read it once). */
function shippedCatalog(): CatalogRule[] {
  return (cachedCatalog ??= loadCatalog());
}

/** Compiles one rule's patterns; a pattern the engine rejects is a CatalogError naming the rule. */
function compilePatterns(c: CompiledRule, engine: RegexEngineName): RegExp {
  const rule = c.rule;
  try {
    c.allow = (rule.allow ?? []).map((p) => compileRegex(p, 'i', engine));
    // `^`-anchored rules get the m flag: within one line's window it changes nothing, and in
    // windows joined by line breaks (searchJoined) each window start is a line start again.
    // `d`: match indices give the secret group's exact offsets (in bytes when RE2 searches bytes).
    c.regex = compileRegex(rule.pattern, `gd${rule.ignoreCase ? 'i' : ''}${c.anchored ? 'm' : ''}`, engine);
    return c.regex;
  } catch (error) {
    const reason = error instanceof RegexCompileError ? error.reason : String(error);
    throw new CatalogError(`${rule.source}: rule ${rule.id}: pattern does not compile with ${engine === 're2' ? 'RE2' : 'JavaScript RegExp'}: ${reason}`);
  }
}

/** Counts the capturing groups of a pattern (without compiling it: 300 compilations cost ~50 ms). */
export function capturingGroups(pattern: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(' && (pattern[i + 1] !== '?' || (pattern[i + 2] === '<' && pattern[i + 3] !== '=' && pattern[i + 3] !== '!') || pattern[i + 2] === 'P')) count++;
  }
  return count;
}

function prepareRule(rule: CatalogRule, ungated: boolean): CompiledRule {
  let group = rule.secretGroup;
  if (group === undefined) {
    group = capturingGroups(rule.pattern) > 0 ? 1 : 0;
  }
  const window = rule.window ?? DEFAULT_WINDOW;
  const gate = rule.gate === undefined || ungated ? undefined : GATES[rule.gate];
  const nameCheck = rule.nameCheck === undefined ? undefined : NAME_CHECKS[rule.nameCheck];
  return { rule, allow: [], group, window, before: rule.before ?? window, anchored: rule.pattern.startsWith('^'), multiline: rule.multiline === true, gate, nameOnly: rule.target === 'name', nameCheck };
}

/** Which broad rule reports a span two of them found: the one naming the more specific kind of credential. */
const GENERIC_PREFERENCE = ['secret/generic-api-key', 'secret/generic-token', 'secret/generic-password', 'secret/generic-secret', 'secret/generic-credential', 'secret/generic-cli-flag', 'secret/generic-url-parameter', 'secret/generic-call-argument', 'secret/generic-env-assignment', 'secret/generic-labelled-credential'];

/** The name a generic rule's match assigns to: `NextToken` in `"NextToken": "..."`, `API_TOKEN` in `export API_TOKEN=...`. */
export function assignedName(whole: string): string {
  const m = /^\s*(?:export\s+)?["'\x60]?([\w.-]+)/.exec(whole);
  return m ? m[1]! : '';
}

/**
 * A made-up example that spells out its own name before a random part: `"termToken": "term-token-gPFE…"`,
 * `"sessionToken": "session_token_…"` (documentation). Needs a name of two words or more.
 */
export function spellsItsName(name: string, value: string): boolean {
  const words = nameWords(name);
  if (words.length < 2) return false;
  const v = value.toLowerCase();
  // An identifier that holds every word of its name and more: `FLOW_PASSWORD_REQUIRED_V2 = "FlowPasswordRequiredResultV2"`.
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(value)) {
    const valueWords = new Set(nameWords(value));
    if (valueWords.size > new Set(words).size && words.every((w) => valueWords.has(w))) return true;
  }
  if (['-', '_'].some((sep) => {
    const prefix = words.join(sep) + sep;
    return v.startsWith(prefix) && v.length > prefix.length;
  })) return true;
  // `"secretValue": "secretValue2"` (or, mistyped, "secretVaule1"): the name itself and a number.
  const glued = words.join('');
  const stem = v.replace(/\d+$/, '');
  return stem.length < v.length && (stem === glued || isOneSwapAway(stem, glued));
}

/** True when `a` is `b` with two neighbouring characters swapped. */
function isOneSwapAway(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

export class SecretEngine {
  readonly regexEngine: RegexEngineName;
  private readonly compiled: CompiledRule[];
  private readonly automaton: KeywordAutomaton;
  /** Scratch space of `scan`, indexed by rule (emptied again before `scan` returns). */
  private readonly windowLists: (number[] | undefined)[] = [];
  /** Where `searchJoined` puts a rule's windows back to back (grown as needed, never shrunk). */
  private joinScratch = Buffer.allocUnsafe(0);
  private readonly meta = new Map<string, RuleMeta>();
  /** 0 specific, 1 `generic`, 2 `fallback`: a match is dropped where one of a lower rank overlaps it. */
  private readonly ranks = new Map<string, number>();
  private readonly now: () => number;
  /** Rules whose secrets carry their own expiry, and where to read it. */
  private readonly expiring = new Map<string, 'jwt' | 'sas'>();

  constructor(options: EngineOptions = {}) {
    this.regexEngine = options.regexEngine ?? defaultRegexEngine();
    this.now = options.now ?? Date.now;
    const enabled = options.enabled ?? (() => true);
    const extra = options.extraRules ?? [];
    const rules = [...(options.rules ?? shippedCatalog()), ...extra].filter((r) => enabled(r.id));
    this.compiled = rules.map((r) => prepareRule(r, options.ungated === true));
    // The user's own rules are compiled now: a bad pattern is a configuration error before any scan.
    const extraIds = new Set(extra.map((r) => r.id));
    for (const c of this.compiled) if (extraIds.has(c.rule.id)) compilePatterns(c, this.regexEngine);
    for (const r of rules) {
      this.ranks.set(r.id, r.fallback ? 2 : r.generic ? 1 : 0);
      if (r.expires !== undefined) this.expiring.set(r.id, r.expires);
    }
    const keywordIndex = new Map<string, number[]>();
    this.compiled.forEach((c, i) => {
      for (const k of c.rule.keywords) {
        const list = keywordIndex.get(k) ?? [];
        list.push(i);
        keywordIndex.set(k, list);
      }
    });
    this.automaton = new KeywordAutomaton([...keywordIndex.keys()], [...keywordIndex.values()]);
    for (const { rule } of this.compiled) this.meta.set(rule.id, secretRuleMeta(rule));
    // A custom rule that ships examples must pass them, or the user learns now, not in production.
    for (const rule of extra) {
      if (!enabled(rule.id) || (rule.examples.positive.length === 0 && rule.examples.negative.length === 0)) continue;
      const problems = checkRuleExamples(this, rule);
      if (problems.length > 0) throw new CatalogError(`${rule.source}: rule ${rule.id}: ${problems.join('; ')}`);
    }
  }

  get rules(): RuleMeta[] {
    return [...this.meta.values()];
  }

  /** The rule reads file names, not contents (`target: name`). */
  readsNames(id: string): boolean {
    return this.compiled.some((c) => c.nameOnly && c.rule.id === id);
  }

  ruleMeta(id: string): RuleMeta | undefined {
    return this.meta.get(id);
  }

  /**
   * Every secret in `text`, in order of position (offsets into the string). `names`: `text` is a
   * file name, and the rules that read names (`target: name`) run too.
   */
  scan(text: string, options: { names?: boolean } = {}): SecretMatch[] {
    const bytes = Buffer.from(text, 'utf8');
    const matches = this.scanBytes(bytes, options.names === true);
    if (bytes.length !== text.length) toCharOffsets(bytes, matches);
    return matches;
  }

  /**
   * Every secret in UTF-8 `bytes`, in order of position; offsets are byte offsets. The bytes are
   * never decoded as a whole: RE2 searches them as they are, and only a match's text is decoded.
   */
  scanBytes(bytes: Buffer, names = false): SecretMatch[] {
    const hits = this.automaton.scan(bytes);
    if (hits.count === 0) return [];
    const { ends, states, lineBreaks } = hits;
    const n = bytes.length;
    // Per rule index: its merged windows [start, end) as a flat list; `touched` lists the rules hit.
    const windows = this.windowLists;
    const touched: number[] = [];
    const compiled = this.compiled;
    const outputs = this.automaton.outputs;
    let lineEnd = -1; // end of the line of the current hit (index of its '\n', or n)
    for (let h = 0; h < hits.count; h++) {
      const pos = ends[h]!;
      const lineStart = lineBreaks[h]! + 1;
      if (lineEnd < pos) {
        lineEnd = bytes.indexOf(10, pos);
        if (lineEnd < 0) lineEnd = n;
      }
      const rulesHere = outputs[states[h]!]!;
      for (let k = 0; k < rulesHere.length; k++) {
        const ri = rulesHere[k]!;
        const c = compiled[ri]!;
        if (c.nameOnly && !names) continue;
        let ws: number;
        let we: number;
        if (c.anchored) {
          // A match starts at the line start and is at most `window` long: a keyword further on
          // cannot be part of it.
          if (pos - lineStart > c.window) continue;
          ws = lineStart;
          we = lineStart + c.window;
        } else {
          ws = pos - c.before;
          we = pos + c.window;
        }
        if (c.multiline) {
          if (ws < 0) ws = 0;
          if (we > n) we = n;
        } else {
          if (ws < lineStart) ws = lineStart;
          if (we > lineEnd) we = lineEnd;
        }
        // Cheap checks first: most hits of the broad rules' keywords are not assignments.
        if (c.gate !== undefined && !c.gate(bytes, pos, lineStart, we)) continue;
        // Windows start and end on character boundaries (never inside a multi-byte character).
        while (ws < pos && (bytes[ws]! & 0xc0) === 0x80) ws++;
        while (we > pos && we < n && (bytes[we]! & 0xc0) === 0x80) we--;
        const list = windows[ri];
        if (list === undefined) {
          windows[ri] = [ws, we];
          touched.push(ri);
        } else if (ws <= list[list.length - 1]!) {
          if (we > list[list.length - 1]!) list[list.length - 1] = we;
        } else list.push(ws, we);
      }
    }
    let matches: SecretMatch[] = [];
    let anyGeneric = false;
    let anyExpiring = false;
    for (const ri of touched) {
      const list = windows[ri]!;
      windows[ri] = undefined;
      const c = compiled[ri]!;
      anyGeneric ||= c.rule.generic === true || c.rule.fallback === true;
      anyExpiring ||= c.rule.expires !== undefined;
      const regex = c.regex ?? compilePatterns(c, this.regexEngine);
      // RE2 searches all the rule's windows in one native call; JavaScript RegExp window by window.
      if (this.regexEngine !== 're2' || !this.searchJoined(c, regex, bytes, list, matches)) this.searchEach(c, regex, bytes, list, matches);
    }
    if (anyGeneric && matches.length > 1) matches = this.dropShadowedGeneric(matches);
    // After shadowing: an expired JWT still takes the broad rules' matches of the same text with it.
    if (anyExpiring) matches = matches.filter((m) => !this.expired(m, bytes));
    if (matches.length > 0) matches = matches.filter((m) => !insideFileName(bytes, m.start, m.end));
    return matches.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  }

  /** Runs the rule's pattern over each window in turn (JavaScript RegExp sees each window decoded). */
  private searchEach(c: CompiledRule, regex: RegExp, bytes: Buffer, list: number[], matches: SecretMatch[]): void {
    const re2 = this.regexEngine === 're2';
    let lastEnd = -1;
    for (let w = 0; w < list.length; w += 2) {
      const ws = list[w]!;
      const we = list[w + 1]!;
      const window: string | Buffer = re2 ? bytes.subarray(ws, we) : bytes.toString('utf8', ws, we);
      // Offsets in a decoded window are UTF-16 units: back to bytes (only for a match).
      const toBytes = (at: number) => (typeof window === 'string' && window.length !== we - ws ? Buffer.byteLength(window.slice(0, at)) : at);
      regex.lastIndex = 0;
      for (let m = regex.exec(window as string); m !== null; m = regex.exec(window as string)) {
        const whole = asText(m[0]);
        if (whole.length === 0) {
          regex.lastIndex++;
          continue;
        }
        const secret = asText(m[c.group]);
        if (!secret) continue;
        const start = ws + toBytes(m.indices![c.group]![0]);
        if (start < lastEnd) continue;
        if (!this.accepts(c, secret, whole, m)) continue;
        lastEnd = ws + toBytes(m.indices![c.group]![1]);
        matches.push({ ruleId: c.rule.id, start, end: lastEnd, secret });
      }
    }
  }

  /**
   * Runs the rule's pattern once over all its windows joined by a separator: one RE2 call instead
   * of one per window (a native call costs microseconds; a file can have thousands of windows).
   * The windows are byte views, so nothing is converted. A match that would cross a separator
   * means the windows must be searched one by one: returns false (nothing added) and the caller
   * does that.
   */
  private searchJoined(c: CompiledRule, regex: RegExp, bytes: Buffer, list: number[], matches: SecretMatch[]): boolean {
    const count = list.length / 2;
    const offsets = new Array<number>(count);
    const lengths = new Array<number>(count);
    let joined: Buffer;
    if (count === 1) {
      joined = bytes.subarray(list[0]!, list[1]!);
      offsets[0] = 0;
      lengths[0] = joined.length;
    } else {
      // Copied back to back into one scratch buffer, reused by every call (RE2 reads it in place).
      let total = 0;
      for (let k = 0; k < count; k++) total += list[2 * k + 1]! - list[2 * k]! + JOIN_BYTES.length;
      if (this.joinScratch.length < total) this.joinScratch = Buffer.allocUnsafe(Math.max(total, 2 * this.joinScratch.length));
      const scratch = this.joinScratch;
      let at = 0;
      for (let k = 0; k < count; k++) {
        const ws = list[2 * k]!;
        const we = list[2 * k + 1]!;
        if (k > 0) at += JOIN_BYTES.copy(scratch, at);
        offsets[k] = at;
        lengths[k] = we - ws;
        at += bytes.copy(scratch, at, ws, we);
      }
      joined = scratch.subarray(0, at);
    }
    const found: SecretMatch[] = [];
    regex.lastIndex = 0;
    let k = 0;
    for (let m = regex.exec(joined as unknown as string); m !== null; m = regex.exec(joined as unknown as string)) {
      const wholeBytes = m[0] as unknown as Buffer;
      if (wholeBytes.length === 0) {
        regex.lastIndex++;
        continue;
      }
      while (k + 1 < count && offsets[k + 1]! <= m.index) k++;
      if (m.index + wholeBytes.length > offsets[k]! + lengths[k]!) return false; // crosses into the next window
      const secret = asText(m[c.group]);
      if (!secret) continue;
      const [from, to] = m.indices![c.group]!;
      const start = list[2 * k]! + (from - offsets[k]!);
      if (!this.accepts(c, secret, wholeBytes.toString('utf8'), m)) continue;
      found.push({ ruleId: c.rule.id, start, end: start + (to - from), secret });
    }
    for (const f of found) matches.push(f);
    return true;
  }

  /**
   * A broad rule's match that overlaps a more specific rule's is the same credential: keep the specific one.
   * Two broad rules on the same span (`RawSecretAccessKey` is both a secret and an access key) are one
   * finding: the rule first in `GENERIC_PREFERENCE` keeps it.
   */
  private dropShadowedGeneric(matches: SecretMatch[]): SecretMatch[] {
    const rank = (m: SecretMatch) => this.ranks.get(m.ruleId) ?? 0;
    const pref = (m: SecretMatch) => {
      const i = GENERIC_PREFERENCE.indexOf(m.ruleId);
      return i < 0 ? GENERIC_PREFERENCE.length : i;
    };
    return matches.filter((m) => {
      const r = rank(m);
      if (r === 0) return true;
      if (matches.some((o) => rank(o) < r && o.start < m.end && m.start < o.end)) return false;
      return !matches.some(
        (o) => o !== m && rank(o) === r && o.start === m.start && o.end === m.end && (pref(o) < pref(m) || (pref(o) === pref(m) && o.ruleId < m.ruleId)),
      );
    });
  }

  /** A credential whose own expiry (a JWT's `exp`, a SAS's `se=`) has passed grants nothing. */
  private expired(m: SecretMatch, bytes: Buffer): boolean {
    const how = this.expiring.get(m.ruleId);
    if (how === undefined) return false;
    const at = how === 'jwt' ? jwtExpiry(m.secret) : sasExpiry(tokenAround(bytes, m.start, m.end));
    return at !== undefined && at < this.now();
  }

  private accepts(c: CompiledRule, secret: string, whole: string, m: RegExpExecArray): boolean {
    if (c.nameCheck !== undefined && !c.nameCheck(asText(m[c.rule.nameGroup!]))) return false;
    if (c.rule.entropy !== undefined && shannonEntropy(secret) < c.rule.entropy) return false;
    if (c.rule.validate) {
      const validator = VALIDATORS[c.rule.validate];
      if (validator && !validator(secret)) return false;
      // A name assigned a value: the name may say the value is not a credential (`NextToken`,
      // `ClientRequestToken`, `PASSWORD_HASH`, `CHECK_SECRET_USAGE`).
      if (c.rule.fallback === true) {
        const name = assignedName(whole);
        if (isDescriptiveName(name) || spellsItsName(name, secret)) return false;
      }
    }
    for (const re of c.allow) {
      re.lastIndex = 0;
      if (re.test(secret) || re.test(whole)) return false;
    }
    // `postgres:postgres@`, `mongodb:mongodb@`: a service's default account, not a chosen secret.
    if (whole.includes(`${secret}:${secret}@`)) return false;
    if (isAnnouncedPlaceholder(secret) || isPublishedSample(secret)) return false;
    // A real format with long runs (X bearer tokens) opts out of the made-up-value check.
    return c.rule.longRuns === true || !isMadeUp(secret);
  }

  /** Finding drafts for `text`, ready for `buildFindings`; `names`: `text` is a file name (see `scan`). */
  draftsFor(text: string, starts?: number[], options: { names?: boolean } = {}): FindingDraft[] {
    const matches = this.scan(text, options);
    if (matches.length === 0) return [];
    const lines = starts ?? lineStarts(text);
    return matches.map((m) => this.draft(m, regionOf(lines, m.start, m.end)));
  }

  /** Finding drafts for a file's UTF-8 bytes (regions in lines and UTF-16 columns), without decoding the file. */
  draftsForBytes(lines: ByteLines): FindingDraft[] {
    return this.scanBytes(lines.bytes).map((m) => this.draft(m, lines.region(m.start, m.end)));
  }

  private draft(m: SecretMatch, region: FindingDraft['region']): FindingDraft {
    return { ruleId: m.ruleId, message: `${this.meta.get(m.ruleId)?.title ?? m.ruleId} found`, region, secret: m.secret };
  }
}

/** A regex result's group as text: RE2 gives Buffers when it searched bytes. */
function asText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : (value as Buffer).toString('utf8');
}

/** Rewrites byte offsets into offsets in the decoded string (UTF-16 units), in place. */
function toCharOffsets(bytes: Buffer, matches: SecretMatch[]): void {
  const points = [...new Set(matches.flatMap((m) => [m.start, m.end]))].sort((a, b) => a - b);
  const chars = new Map<number, number>();
  let byte = 0;
  let char = 0;
  for (const p of points) {
    char += bytes.toString('utf8', byte, p).length;
    byte = p;
    chars.set(p, char);
  }
  for (const m of matches) {
    m.start = chars.get(m.start)!;
    m.end = chars.get(m.end)!;
  }
}

/**
 * Runs a rule's own examples through `engine` (which must include the rule): every marked secret
 * of a positive example is reported by the rule at exactly its offsets, and no negative example is
 * reported by it. Returns the problems, without the example text (it may hold a real secret).
 */
export function checkRuleExamples(engine: SecretEngine, rule: CatalogRule): string[] {
  const problems: string[] = [];
  // A rule that reads file names is checked on names (its examples are file names).
  const names = { names: rule.target === 'name' };
  rule.examples.positive.forEach((example, i) => {
    const { text, secrets } = parseExample(example);
    const found = engine.scan(text, names).filter((m) => m.ruleId === rule.id);
    if (secrets.length === 0 && found.length === 0) problems.push(`positive example ${i + 1} is not reported`);
    for (const s of secrets) {
      if (!found.some((m) => m.start === s.start && m.end === s.end)) {
        const near = found.map((m) => `${m.start}-${m.end}`).join(', ');
        problems.push(`positive example ${i + 1} is not reported at ${s.start}-${s.end}${near ? ` (reported at ${near})` : ''}`);
      }
    }
  });
  rule.examples.negative.forEach((example, i) => {
    if (engine.scan(example, names).some((m) => m.ruleId === rule.id)) problems.push(`negative example ${i + 1} is reported`);
  });
  return problems;
}
