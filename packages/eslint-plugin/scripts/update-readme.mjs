#!/usr/bin/env node
// Regenerates the rule list in README.md from the built plugin (run `pnpm build` first).
import { readFileSync, writeFileSync } from 'node:fs';
import { readmeRulesTable } from '../dist/index.js';
import { withRulesTable } from '../dist/rules-table.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withRulesTable(before, readmeRulesTable());
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'README.md rule list is up to date' : 'README.md rule list updated');
