/**
 * The secret engine: compiles the catalog once, then scans text. A rule's pattern runs only
 * where one of its keywords occurs; entropy, checksum and placeholder filters decide what is
 * reported. Secrets leave as offsets plus value for `buildFindings`, which hashes and redacts.
 */
import { lineStarts, regionOf, type FindingDraft } from '../build-findings.js';
import type { RuleMeta } from '../rule-meta.js';
import { loadCatalog, type CatalogRule } from './catalog.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import { compileRegex, defaultRegexEngine, type RegexEngineName } from './regex.js';
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
  regex: RegExp;
  allow: RegExp[];
  group: number;
}

export interface EngineOptions {
  /** Extra rules (user's custom rules), validated like the catalog's. */
  extraRules?: CatalogRule[];
  /** Which rules to keep (default: all). */
  enabled?: (ruleId: string) => boolean;
  regexEngine?: RegexEngineName;
  /** Rules to use instead of the shipped catalog (tests). */
  rules?: CatalogRule[];
}

export class SecretEngine {
  readonly regexEngine: RegexEngineName;
  private readonly compiled: CompiledRule[];
  private readonly meta = new Map<string, RuleMeta>();

  constructor(options: EngineOptions = {}) {
    this.regexEngine = options.regexEngine ?? defaultRegexEngine();
    const enabled = options.enabled ?? (() => true);
    const rules = [...(options.rules ?? loadCatalog()), ...(options.extraRules ?? [])].filter((r) => enabled(r.id));
    this.compiled = rules.map((rule) => {
      const regex = compileRegex(rule.pattern, 'g', this.regexEngine);
      const group = rule.secretGroup ?? (new RegExp(`${rule.pattern}|`).exec('')!.length > 1 ? 1 : 0);
      return { rule, regex, group, allow: (rule.allow ?? []).map((p) => compileRegex(p, 'i', this.regexEngine)) };
    });
    for (const { rule } of this.compiled) this.meta.set(rule.id, secretRuleMeta(rule));
  }

  get rules(): RuleMeta[] {
    return [...this.meta.values()];
  }

  ruleMeta(id: string): RuleMeta | undefined {
    return this.meta.get(id);
  }

  /** Every secret in `text`, in order of position. */
  scan(text: string): SecretMatch[] {
    const lower = text.toLowerCase();
    const matches: SecretMatch[] = [];
    for (const c of this.compiled) {
      if (!c.rule.keywords.some((k) => lower.includes(k))) continue;
      c.regex.lastIndex = 0;
      for (let m = c.regex.exec(text); m !== null; m = c.regex.exec(text)) {
        if (m[0].length === 0) {
          c.regex.lastIndex++;
          continue;
        }
        const secret = m[c.group];
        if (!secret) continue;
        const offsetInMatch = c.group === 0 ? 0 : m[0].indexOf(secret);
        const start = m.index + Math.max(0, offsetInMatch);
        if (!this.accepts(c, secret, m[0])) continue;
        matches.push({ ruleId: c.rule.id, start, end: start + secret.length, secret });
      }
    }
    return matches.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  }

  private accepts(c: CompiledRule, secret: string, whole: string): boolean {
    if (c.rule.entropy !== undefined && shannonEntropy(secret) < c.rule.entropy) return false;
    if (c.rule.validate) {
      const validator = VALIDATORS[c.rule.validate];
      if (validator && !validator(secret)) return false;
    }
    if (c.allow.some((re) => re.test(secret) || re.test(whole))) return false;
    return !isPlaceholder(secret);
  }

  /** Finding drafts for `text`, ready for `buildFindings`. */
  draftsFor(text: string, starts: number[] = lineStarts(text)): FindingDraft[] {
    return this.scan(text).map((m) => ({
      ruleId: m.ruleId,
      message: `${this.meta.get(m.ruleId)?.title ?? m.ruleId} found`,
      region: regionOf(starts, m.start, m.end),
      secret: m.secret,
    }));
  }
}
