/** The snippets a new user copies from the README, read from the README itself so they stay tested. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/cli.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** Every fenced code block of the README: its info string and its text. */
function blocks(): { lang: string; text: string }[] {
  return [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }));
}

/** The one block whose first line is `firstLine`. */
export function readmeBlock(firstLine: string): string {
  const found = blocks().filter((b) => b.text.split('\n')[0]!.trim() === firstLine);
  if (found.length !== 1) throw new Error(`README: expected one code block starting "${firstLine}", found ${found.length}`);
  return found[0]!.text;
}

/** The README's `npm install --save-dev ...` line that installs `pkg` (its package list). */
export function readmeInstall(pkg: string): string[] {
  for (const b of blocks()) {
    for (const line of b.text.split('\n')) {
      const m = /^npm install --save-dev (.+)$/.exec(line.trim());
      if (m && m[1]!.split(/\s+/)[0] === pkg) return m[1]!.split(/\s+/);
    }
  }
  throw new Error(`README: no "npm install --save-dev ${pkg} ..." line`);
}
