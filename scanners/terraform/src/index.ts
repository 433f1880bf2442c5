/**
 * The Terraform scanner: `.tf`, `.tf.json` and `.tfvars`. A file is judged with what its module
 * (the other `.tf` files of its directory, `terraform.tfvars`, `*.auto.tfvars`) declares, read
 * from disk next to it when the CLI says where it is (`ScanInput.absolutePath`).
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  DEFAULT_MAX_FILE_BYTES,
  INFRA_RULES,
  readRegularFileSync,
  ResolveBudget,
  factFileDrafts,
  lineStarts,
  type FileScanner,
  type Notification,
  type ScanContext,
  type ScanInput,
  type ScanOutput,
} from '@leakguard/core';
import { collectSymbols, emptySymbols, terraformFacts, type ModuleSymbols } from './facts.js';
import { HclLimitError, hclReady, initHcl, parseHcl } from './hcl.js';
import { parseTfJson } from './json.js';
import type { HFile } from './model.js';

export { HclLimitError, MAX_TREE_SITTER_CHARS, hclReady, initHcl, parseHcl, parseHclTreeSitter } from './hcl.js';
export { fastParseHcl } from './fast-hcl.js';
export { parseJson, parseTfJson } from './json.js';
export { terraformFacts, collectSymbols, emptySymbols } from './facts.js';
export { Evaluator } from './evaluate.js';

const TF = /\.tf$/i;
const TF_JSON = /\.tf\.json$/i;
const TFVARS = /\.tfvars$/i;
const AUTO_TFVARS = /(^terraform\.tfvars$|\.auto\.tfvars$)/i;
/** Other files of a module read for symbols, at most (a generated directory of thousands is read once, cached). */
const MAX_MODULE_FILES = 5000;
/** Bytes of a module's other files read for symbols, at most. */
const MAX_MODULE_BYTES = 64 * 1048576;

function parseAny(name: string, text: string, starts?: number[]): HFile {
  return TF_JSON.test(name) ? parseTfJson(text, starts ?? lineStarts(text)) : parseHcl(text, starts);
}

interface FileSymbols {
  body: HFile['body'];
  tfvars: boolean;
}

/** A module directory's files, each read and parsed at most once per thread (null: unreadable). */
interface ModuleFiles {
  /** The module's files in name order (the order their declarations are collected in). */
  names: string[];
  files: Map<string, FileSymbols | null>;
  /** Bytes left to read of the module's files. */
  budget: number;
}

/** Keep only what symbols need: variables, locals, rotation resources, tfvars assignments. */
function symbolsOf(name: string, parsed: HFile): FileSymbols {
  const tfvars = AUTO_TFVARS.test(name);
  const body = tfvars
    ? parsed.body
    : { attrs: [], blocks: parsed.body.blocks.filter((b) => b.type === 'variable' || b.type === 'locals' || (b.type === 'resource' && b.labels[0] === 'aws_secretsmanager_secret_rotation')) };
  return { body, tfvars };
}

export class TerraformScanner implements FileScanner {
  readonly name = 'terraform';
  /** A module's variables and locals come from its other files (see moduleFiles). */
  readonly readsNeighbours = true;
  readonly rules = INFRA_RULES;
  /** Directory -> its files' declarations (each file parsed once per process). */
  private readonly modules = new Map<string, ModuleFiles>();

  /** Why the grammar could not be loaded, if it could not: files are then only secret-scanned. */
  private loadError: string | undefined;

  async init(): Promise<void> {
    try {
      await initHcl();
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  accepts(input: ScanInput): boolean {
    return TF.test(input.path) || TF_JSON.test(input.path) || TFVARS.test(input.path);
  }

  /**
   * The declarations of a module's files, read under discovery's rules (regular files only, no
   * links, none over `--max-file-size`, a bounded total): a sibling that breaks a rule or does not
   * parse only means fewer resolved values (it gets its own notification when it is scanned). The
   * file being scanned (`own`) gives its declarations from its own parse: each file is parsed once.
   */
  private moduleFiles(dir: string, maxFileBytes: number, own?: { name: string; file: HFile; bytes: number }): ModuleFiles {
    const key = `${maxFileBytes}:${dir}`;
    let module = this.modules.get(key);
    if (!module) {
      let names: string[] = [];
      try {
        names = readdirSync(dir, { withFileTypes: true })
          .filter((d) => d.isFile() && (TF.test(d.name) || TF_JSON.test(d.name) || AUTO_TFVARS.test(d.name)))
          .map((d) => d.name)
          .sort()
          .slice(0, MAX_MODULE_FILES);
      } catch {
        names = [];
      }
      module = { names, files: new Map(), budget: MAX_MODULE_BYTES };
      this.modules.set(key, module);
    }
    for (const n of module.names) {
      if (module.files.has(n)) continue;
      if (own && n === own.name) {
        if (own.bytes > Math.min(maxFileBytes, module.budget)) {
          module.files.set(n, null);
          continue;
        }
        module.budget -= own.bytes;
        module.files.set(n, symbolsOf(n, own.file));
        continue;
      }
      const bytes = readRegularFileSync(join(dir, n), Math.min(maxFileBytes, module.budget));
      if (!bytes) {
        module.files.set(n, null);
        continue;
      }
      module.budget -= bytes.length;
      try {
        module.files.set(n, symbolsOf(n, parseAny(n, bytes.toString('utf8'))));
      } catch {
        // Unparsable within bounds: fewer resolved values.
        module.files.set(n, null);
      }
    }
    return module;
  }

  private symbolsFor(input: ScanInput, own: HFile, isTfvars: boolean, maxFileBytes: number): ModuleSymbols {
    const symbols = emptySymbols();
    const self = basename(input.path);
    if (!input.absolutePath) {
      if (!isTfvars) collectSymbols(own.body, symbols);
      return symbols;
    }
    const module = this.moduleFiles(dirname(input.absolutePath), maxFileBytes, { name: basename(input.absolutePath), file: own, bytes: Buffer.byteLength(input.text) });
    const siblings = module.names.flatMap((n) => {
      const f = module.files.get(n);
      return f && n !== self ? [f] : [];
    });
    // Declarations first, then assignments (tfvars win over defaults).
    for (const f of siblings) if (!f.tfvars) collectSymbols(f.body, symbols);
    if (!isTfvars) collectSymbols(own.body, symbols);
    for (const f of siblings) if (f.tfvars) collectSymbols(f.body, symbols, true);
    return symbols;
  }

  async scan(input: ScanInput, context: ScanContext): Promise<ScanOutput> {
    if (!hclReady()) await this.init();
    if (this.loadError !== undefined) {
      // Without the grammar the file still gets the plain secret pass (coversSecrets is false).
      return { drafts: [], notifications: [{ kind: 'internal', level: 'error', message: `Terraform grammar could not be loaded (${this.loadError}); ${input.path} was only scanned for secrets`, path: input.path }] };
    }
    const isTfvars = TFVARS.test(input.path);
    const starts = lineStarts(input.text);
    let file: HFile;
    try {
      file = parseAny(input.path, input.text, starts);
    } catch (error) {
      if (!(error instanceof HclLimitError)) throw error;
      // Not parsed within bounds: a notification, and the plain secret pass still runs (coversSecrets false).
      return { drafts: [], notifications: [{ kind: 'limit', level: 'warning', message: `Terraform file not parsed: ${error.message}; only scanned for secrets`, path: input.path }] };
    }
    const notifications: Notification[] = file.errors.map((e) => ({
      kind: 'parse-error',
      level: 'warning',
      message: `Terraform file could not be fully parsed at ${e.line}:${e.column}: ${e.message}`,
      path: input.path,
      line: e.line,
      column: e.column,
    }));
    const symbols = this.symbolsFor(input, file, isTfvars, context.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    const budget = new ResolveBudget(input.text.length);
    const facts = terraformFacts({ body: file.body, text: input.text, starts, symbols, tfvars: isTfvars, budget });
    const limit = budget.notification(input.path, 'Terraform');
    if (limit) notifications.push(limit);
    const drafts = factFileDrafts(facts, input.text, starts, context.secrets);
    return { drafts, notifications, coversSecrets: true };
  }
}

export function terraformScanner(): TerraformScanner {
  return new TerraformScanner();
}
