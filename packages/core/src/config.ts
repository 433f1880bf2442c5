/**
 * `leakguard.yaml`: rules on/off and their levels, paths to skip, allow patterns, custom rules.
 * Every problem is a ConfigError naming the file and the key, which the CLI turns into exit 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { Level } from './finding.js';
import { CatalogError, parseCatalogRule, type CatalogRule } from './secrets/catalog.js';
import { compileRegex, RegexCompileError } from './secrets/regex.js';

export type RuleSetting = 'off' | Level;

export interface LeakguardConfig {
  /** Per-rule override: `off`, or the level to report at. Keys may end in `/*` for a family. */
  rules: Record<string, RuleSetting>;
  /** Globs (gitignore syntax) of paths not to scan. */
  exclude: string[];
  /** Patterns: a secret (or its whole line) matching one is not reported. */
  allow: string[];
  customRules: CatalogRule[];
  /** The file the config came from, when there was one. */
  source?: string;
}

export const CONFIG_FILE_NAMES = ['leakguard.yaml', 'leakguard.yml', '.leakguard.yaml', '.leakguard.yml'];

export class ConfigError extends Error {}

const KNOWN_KEYS = new Set(['rules', 'exclude', 'allow', 'customRules']);
const SETTINGS = new Set(['off', 'error', 'warning', 'note']);

export function emptyConfig(): LeakguardConfig {
  return { rules: {}, exclude: [], allow: [], customRules: [] };
}

export function parseConfig(text: string, source: string): LeakguardConfig {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : '';
    throw new ConfigError(`${source}${where}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const config = emptyConfig();
  config.source = source;
  if (raw === null || raw === undefined) return config;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${source}: expected a mapping at the top level`);
  const doc = raw as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!KNOWN_KEYS.has(key)) throw new ConfigError(`${source}: unknown key "${key}" (known: ${[...KNOWN_KEYS].join(', ')})`);
  }
  if (doc.rules !== undefined) {
    if (typeof doc.rules !== 'object' || doc.rules === null || Array.isArray(doc.rules)) throw new ConfigError(`${source}: "rules" must map rule ids to off|error|warning|note`);
    for (const [id, value] of Object.entries(doc.rules)) {
      const setting = value === false ? 'off' : value;
      if (typeof setting !== 'string' || !SETTINGS.has(setting)) throw new ConfigError(`${source}: rules.${id} must be one of off, error, warning, note`);
      config.rules[id] = setting as RuleSetting;
    }
  }
  for (const key of ['exclude', 'allow'] as const) {
    const list = doc[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && x !== '')) throw new ConfigError(`${source}: "${key}" must be a list of non-empty strings`);
    config[key] = list;
  }
  for (const pattern of config.allow) {
    try {
      compileRegex(pattern, 'i');
    } catch (error) {
      throw new ConfigError(`${source}: allow pattern ${JSON.stringify(pattern)} does not compile: ${error instanceof RegexCompileError ? error.reason : String(error)}`);
    }
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
      config.customRules.push(rule);
    }
  }
  return config;
}

/** Reads `explicitPath`, or the first config file found in `root`; none is an empty config. */
export function loadConfig(root: string, explicitPath?: string): LeakguardConfig {
  const path = explicitPath ?? CONFIG_FILE_NAMES.map((n) => join(root, n)).find((p) => existsSync(p));
  if (!path) return emptyConfig();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseConfig(text, path);
}

/** The setting for a rule: its own entry, else its family's `family/*`, else undefined (default). */
export function ruleSetting(config: LeakguardConfig, ruleId: string): RuleSetting | undefined {
  return config.rules[ruleId] ?? config.rules[`${ruleId.split('/')[0]}/*`];
}
