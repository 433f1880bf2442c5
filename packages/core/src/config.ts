/**
 * `leakguard.yaml`: rules on/off and their levels, paths to skip, allow patterns, custom rules.
 * Every problem is a ConfigError naming the file and the key, which the CLI turns into exit 2.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { yaml } from './yaml.js';
import { MAX_YAML_NESTING_ESTIMATE, mayNestDeeperThan } from './yaml-depth.js';
import type { Level } from './finding.js';
import { maskRandomTokens, yamlErrorWords } from './redact.js';
import { levelForSeverity, RULE_FAMILIES, type Severity } from './rule-meta.js';
import { CatalogError, parseCatalogRule, type CatalogRule } from './secrets/catalog.js';
import { compileRegex, defaultRegexEngine, RegexCompileError } from './secrets/regex.js';
import { backtrackingRisk } from './secrets/pattern-safety.js';
import type { SecretHashKey } from './hashing.js';

export type RuleSetting = 'off' | Level;

export interface LeakguardConfig {
  /** Per-rule override: `off`, or the level to report at. Keys may end in `/*` for a family. */
  rules: Record<string, RuleSetting>;
  /** Globs (gitignore syntax) of paths not to scan. */
  exclude: string[];
  /** Patterns: a secret (or its whole line) matching one is not reported. */
  allow: string[];
  customRules: CatalogRule[];
  /** Baseline file used when --baseline is not given (absolute, resolved against the config's folder). */
  baseline?: string;
  /** The file the config came from, when there was one. */
  source?: string;
  /** The key of secret hashes, set by the CLI (LEAKGUARD_HASH_KEY, the baseline's salt); never read from the file. */
  secretHashKey?: SecretHashKey;
}

export const CONFIG_FILE_NAMES = ['leakguard.yaml', 'leakguard.yml', '.leakguard.yaml', '.leakguard.yml'];

export class ConfigError extends Error {}

const KNOWN_KEYS = new Set(['rules', 'exclude', 'allow', 'customRules', 'baseline']);
const SETTINGS = new Set(['off', 'error', 'warning', 'note']);
/** Severities are accepted too, as the level they map to (critical/high: error, medium: warning, low: note). */
const SEVERITY_SETTINGS = new Set(['critical', 'high', 'medium', 'low']);
const RULE_KEY = /^[a-z]+\/(?:\*|[a-z0-9][a-z0-9._-]*)$/;

/** A config file larger than this is refused (a 100 MB one took 4 GB to parse). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** A key or value of the config as a message may show it: long or random-looking text (a pasted secret) is not echoed. */
function shown(value: unknown, quoted = true): string {
  const text = (quoted ? JSON.stringify(value) : undefined) ?? String(value);
  return text.length <= 60 && maskRandomTokens(text) === text ? text : '(not shown)';
}

export function emptyConfig(): LeakguardConfig {
  return { rules: {}, exclude: [], allow: [], customRules: [] };
}

export function parseConfig(text: string, source: string): LeakguardConfig {
  let raw: unknown;
  if (mayNestDeeperThan(text, MAX_YAML_NESTING_ESTIMATE)) throw new ConfigError(`${source}: not valid YAML (nested too deep)`);
  try {
    raw = yaml().parse(text, { maxAliasCount: 100 });
  } catch (error) {
    const where = error instanceof yaml().YAMLParseError && error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : '';
    throw new ConfigError(`${source}${where}: not valid YAML (${yamlErrorWords(error)})`);
  }
  const config = emptyConfig();
  config.source = source;
  if (raw === null || raw === undefined) return config;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${source}: expected a mapping at the top level`);
  const doc = raw as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!KNOWN_KEYS.has(key)) throw new ConfigError(`${source}: unknown key ${shown(key)} (known: ${[...KNOWN_KEYS].join(', ')})`);
  }
  if (doc.rules !== undefined) {
    if (typeof doc.rules !== 'object' || doc.rules === null || Array.isArray(doc.rules)) throw new ConfigError(`${source}: "rules" must map rule ids to off|error|warning|note`);
    for (const [id, value] of Object.entries(doc.rules)) {
      if (!RULE_KEY.test(id)) throw new ConfigError(`${source}: rules.${shown(id, false)}: not a rule id (expected family/name or family/*, for example secret/aws-access-key-id or iam/*)`);
      const family = id.split('/')[0]!;
      if (!(RULE_FAMILIES as readonly string[]).includes(family)) throw new ConfigError(`${source}: rules.${id}: unknown rule family "${family}" (known: ${RULE_FAMILIES.join(', ')})`);
      const setting = value === false ? 'off' : value === true ? undefined : value;
      if (setting === undefined) continue; // `true`: on, at the rule's own level
      if (typeof setting === 'string' && SEVERITY_SETTINGS.has(setting)) {
        config.rules[id] = levelForSeverity(setting as Severity);
        continue;
      }
      if (typeof setting !== 'string' || !SETTINGS.has(setting)) throw new ConfigError(`${source}: rules.${id} must be one of off, error, warning, note (or a severity: critical, high, medium, low; or true / false), not ${shown(value)}`);
      config.rules[id] = setting as RuleSetting;
    }
  }
  for (const key of ['exclude', 'allow'] as const) {
    const list = doc[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && x !== '')) throw new ConfigError(`${source}: "${key}" must be a list of non-empty strings`);
    config[key] = list;
  }
  if (doc.baseline !== undefined) {
    if (typeof doc.baseline !== 'string' || doc.baseline.trim() === '') throw new ConfigError(`${source}: "baseline" must be the path of a baseline file`);
    config.baseline = resolve(dirname(source), doc.baseline);
  }
  for (const pattern of config.allow) {
    try {
      compileRegex(pattern, 'i');
    } catch (error) {
      throw new ConfigError(`${source}: allow pattern ${JSON.stringify(pattern)} does not compile: ${error instanceof RegexCompileError ? error.reason : String(error)}`);
    }
    refuseUnsafePattern(`${source}: allow pattern ${JSON.stringify(pattern)}`, pattern, 'i');
  }
  if (doc.customRules !== undefined) {
    if (!Array.isArray(doc.customRules)) throw new ConfigError(`${source}: "customRules" must be a list of rules in the catalog's shape`);
    for (const rawRule of doc.customRules) {
      let rule: CatalogRule;
      try {
        rule = parseCatalogRule(rawRule, source, false);
      } catch (error) {
        throw new ConfigError(error instanceof CatalogError ? error.message : String(error));
      }
      try {
        compileRegex(rule.pattern, 'g');
      } catch (error) {
        throw new ConfigError(`${source}: rule ${rule.id}: pattern does not compile: ${error instanceof RegexCompileError ? error.reason : String(error)}`);
      }
      refuseUnsafePattern(`${source}: rule ${rule.id}: pattern`, rule.pattern, rule.ignoreCase ? 'i' : '');
      for (const allow of rule.allow ?? []) refuseUnsafePattern(`${source}: rule ${rule.id}: allow pattern ${JSON.stringify(allow)}`, allow, 'i');
      config.customRules.push(rule);
    }
  }
  return config;
}

/**
 * Under the JavaScript regex fallback a user pattern runs on a backtracking engine: one that could
 * take exponential or polynomial time is refused (a ConfigError, exit 2) instead of hanging the
 * scan. Under RE2 every pattern that compiles runs in linear time.
 */
export function refuseUnsafePattern(what: string, pattern: string, flags: string): void {
  const message = unsafePatternMessage(pattern, flags);
  if (message) throw new ConfigError(`${what} ${message}`);
}

/** Why a user pattern cannot run under the current engine, or undefined when it can. */
export function unsafePatternMessage(pattern: string, flags: string): string | undefined {
  if (defaultRegexEngine() !== 'js') return undefined;
  const risk = backtrackingRisk(pattern, flags);
  if (!risk) return undefined;
  return `cannot run safely without RE2 (the JavaScript regex fallback is in use: LEAKGUARD_REGEX_ENGINE=js, or the optional re2 addon did not load): it has ${risk}. Rewrite it (a character class such as [a-z0-9-]+ instead of a repeated group), or install re2.`;
}

/** Reads `explicitPath`, or the first config file found in `root`; none is an empty config. */
export function loadConfig(root: string, explicitPath?: string): LeakguardConfig {
  const path = explicitPath ?? CONFIG_FILE_NAMES.map((n) => join(root, n)).find((p) => existsSync(p));
  if (!path) return emptyConfig();
  let text: string;
  let fd: number | undefined;
  try {
    // Non-blocking, and checked on the opened file: a FIFO or a device named as the config cannot hang the run.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    if (!info.isFile()) throw new ConfigError(`${path}: the config is not a regular file`);
    if (info.size > MAX_CONFIG_BYTES) throw new ConfigError(`${path}: the config file is ${(info.size / 1048576).toFixed(1)} MB; at most ${MAX_CONFIG_BYTES / 1048576} MB is read`);
    text = readFileSync(fd, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (text.length > MAX_CONFIG_BYTES) throw new ConfigError(`${path}: the config file is over ${MAX_CONFIG_BYTES / 1048576} MB; at most that is read`);
  return parseConfig(text, path);
}

/**
 * Checks that every rule the config names exists (`family/*` entries name a family). Called once the
 * rules of the run are known; an unknown id is a ConfigError with the closest known ids.
 */
export function validateRuleIds(config: LeakguardConfig, knownIds: Iterable<string>): void {
  const known = new Set(knownIds);
  for (const id of Object.keys(config.rules)) {
    if (id.endsWith('/*') || known.has(id)) continue;
    const near = [...known].map((k) => [k, editDistance(k, id)] as const).filter(([, d]) => d <= Math.max(3, Math.floor(id.length / 4))).sort((a, b) => a[1] - b[1]).slice(0, 3).map(([k]) => k);
    throw new ConfigError(`${config.source ?? 'config'}: rules.${id}: no such rule${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The setting for a rule: its own entry, else its family's `family/*`, else undefined (default). */
export function ruleSetting(config: LeakguardConfig, ruleId: string): RuleSetting | undefined {
  return config.rules[ruleId] ?? config.rules[`${ruleId.split('/')[0]}/*`];
}
