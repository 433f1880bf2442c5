import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { fastParseHcl, initHcl, parseHclTreeSitter } from '../dist/index.js';
import { lineStarts } from '@leakguard/core';
await initHcl();
const files = execSync("find /work/main/.bench/real/tree /work/.mirror -name '*.tf' -not -path '*/.git/*' 2>/dev/null", { maxBuffer: 1e8 }).toString().trim().split('\n');
let fast = 0, bad = 0;
for (const f of files) { const t = readFileSync(f, 'utf8'); const a = fastParseHcl(t, lineStarts(t)); if (!a) continue; fast++; const r = parseHclTreeSitter(t); if (r.errors.length || !isDeepStrictEqual(a, r.body)) { bad++; console.log('DIFF', f); } }
console.log(files.length, 'fast', fast, 'differ', bad);
