/**
 * Scans one file: every accepting scanner, then the plain secret pass where no scanner
 * covered secrets, then the config (allow patterns, rules off, level overrides). Pure enough to run
 * in a worker thread: no output, no shared state.
 */
import {
  applyInlineIgnores,
  isApiExamplesDocument,
  oneAlertPerSecret,
  ByteLines,
  buildFindings,
  ruleSetting,
  type FileScanner,
  type Finding,
  type FindingDraft,
  type LeakguardConfig,
  type Notification,
  type RuleMeta,
  type ScanInput,
  type SourceLines,
  textLines,
  type SecretEngine,
} from '@leakguard/core';

export interface FileScanResult {
  findings: Finding[];
  notifications: Notification[];
}

export interface FileScanContext {
  engine: SecretEngine;
  scanners: FileScanner[];
  config: LeakguardConfig;
  /** Allow patterns compiled once. */
  allow: RegExp[];
  ruleLookup: (id: string) => RuleMeta | undefined;
}

/** The config's `allow`: a secret matching a pattern, or whose line matches one, is not reported. */
function allowed(draft: FindingDraft, allow: RegExp[], lines: SourceLines): boolean {
  if (draft.secret === undefined || allow.length === 0) return false;
  if (allow.some((re) => re.test(draft.secret!))) return true;
  const line = lines.line(draft.region.startLine) ?? '';
  return allow.some((re) => re.test(line));
}

/**
 * Scans one file's UTF-8 bytes. The text is decoded only when a scanner asks for it (its file kind)
 * or something is found: most files are neither, and decoding costs more than the secret pass.
 */
export async function scanFileBytes(path: string, bytes: Buffer, ctx: FileScanContext, absolutePath?: string, maxFileBytes?: number): Promise<FileScanResult> {
  const drafts: FindingDraft[] = [];
  const notifications: Notification[] = [];
  let secretsCovered = false;
  let decoded: string | undefined;
  const decode = () => (decoded ??= bytes.toString('utf8'));
  const input: ScanInput = {
    path,
    get text() {
      return decode();
    },
  };
  if (absolutePath !== undefined) input.absolutePath = absolutePath;
  for (const scanner of ctx.scanners) {
    if (!scanner.accepts(input)) continue;
    try {
      await initialised(scanner);
      const out = await scanner.scan(input, maxFileBytes === undefined ? { secrets: ctx.engine } : { secrets: ctx.engine, maxFileBytes });
      drafts.push(...out.drafts);
      notifications.push(...out.notifications);
      secretsCovered ||= out.coversSecrets === true;
    } catch (error) {
      // A scanner bug on one file must not end the scan: say so and go on.
      notifications.push({ kind: 'internal', level: 'error', message: `${scanner.name} scanner failed: ${error instanceof Error ? error.message : String(error)}`, path });
    }
  }
  const byteLines = new ByteLines(bytes);
  // An SDK's API examples document holds only values made up for the reference (documents.ts).
  if (!secretsCovered && !isApiExamplesDocument(bytes)) drafts.push(...ctx.engine.draftsForBytes(byteLines));
  // Most files have no finding: skip the filters for them.
  if (drafts.length === 0) return { findings: [], notifications };
  // A text a scanner decoded serves as it is; otherwise the lines with findings are read from the bytes.
  const lines = decoded === undefined ? byteLines : textLines(decoded);
  const unsilenced = applyInlineIgnores(oneAlertPerSecret(dedupe(configuredDrafts(drafts, ctx, lines))), lines);
  return { findings: buildFindings(path, lines, unsilenced, ctx.ruleLookup), notifications };
}

/** The config on drafts: rules turned off and allowed secrets dropped, level overrides applied. */
export function configuredDrafts(drafts: FindingDraft[], ctx: Pick<FileScanContext, 'config' | 'allow'>, lines: SourceLines): FindingDraft[] {
  const kept: FindingDraft[] = [];
  for (const draft of drafts) {
    const setting = ruleSetting(ctx.config, draft.ruleId);
    if (setting === 'off' || allowed(draft, ctx.allow, lines)) continue;
    if (setting) draft.level = setting;
    kept.push(draft);
  }
  return kept;
}

/** The same rule at the same place twice (two scanners agreeing) is one finding. */
function dedupe(drafts: FindingDraft[]): FindingDraft[] {
  const seen = new Set<string>();
  return drafts.filter((d) => {
    const key = `${d.ruleId}:${d.region.startLine}:${d.region.startColumn}:${d.region.endLine}:${d.region.endColumn}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const initialising = new WeakMap<FileScanner, Promise<void>>();

/**
 * A scanner loads what it needs (the HCL grammar's WebAssembly, say) on the first file it accepts,
 * not at start-up: a worker that never sees a .tf file never pays for the grammar.
 */
function initialised(scanner: FileScanner): Promise<void> {
  let ready = initialising.get(scanner);
  if (!ready) {
    ready = scanner.init?.() ?? Promise.resolve();
    initialising.set(scanner, ready);
  }
  return ready;
}
