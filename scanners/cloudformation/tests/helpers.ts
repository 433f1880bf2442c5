import { SecretEngine, type FileScanner } from '@leakguard/core';

export const engine = new SecretEngine();

/** Runs a scanner on a text and returns `ruleId@line:column` for each draft, sorted. */
export async function findings(scanner: FileScanner, path: string, text: string): Promise<string[]> {
  const out = await scanner.scan({ path, text }, { secrets: engine });
  return out.drafts.map((d) => `${d.ruleId}@${d.region.startLine}:${d.region.startColumn}`).sort();
}

/** Only the rule ids, sorted. */
export async function ruleIds(scanner: FileScanner, path: string, text: string): Promise<string[]> {
  return (await findings(scanner, path, text)).map((f) => f.split('@')[0]!);
}

/** The line (1-based) of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not in text: ${needle}`);
  return text.slice(0, i).split('\n').length;
}
