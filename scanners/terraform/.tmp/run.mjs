import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const counts = new Map();
globalThis.__rec = (stack, self) => { if (self && self.text && globalThis.__show) console.log(JSON.stringify(self.text.slice(self.pos - 30, self.pos + 50))); const l = stack.split("\n")[2].trim(); if (l.includes("term")) { const m = /:(\d+):(\d+)/.exec(l); } counts.set(l, (counts.get(l) ?? 0) + 1); return Symbol.for('bail'); };
const { fastParseHcl } = await import('./fast-hcl.js');
const { lineStarts } = await import('@leakguard/core');
const files = execSync("find /work/main/.bench/real/tree -name '*.tf' -not -path '*/.git/*'", { maxBuffer: 1e8 }).toString().trim().split('\n');
let failed = 0; const ex = [];
for (const f of files) { const t = readFileSync(f, 'utf8'); let r; try { r = fastParseHcl(t, lineStarts(t)); } catch (e) { r = undefined; } if (!r) { failed++; ex.push(f); } }
console.log(files.length, 'failed', failed);
console.log([...counts].sort((a, b) => b[1] - a[1]).slice(0, 15));
// show the text at the bail position for the first 10 failures
const { fastParseHcl: f2 } = await import('./fast-hcl.js');
let shown = 0;
globalThis.__show = true; for (const f of ex.slice(0, 12)) { const t = readFileSync(f, 'utf8'); try { f2(t, lineStarts(t)); } catch (e) {} }
