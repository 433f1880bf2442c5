#!/usr/bin/env node
// Lints the source on stdin with the built plugin's `strict` config through ESLint's Node API, as
// file <name> (argv[2]), with rule settings (argv[3], JSON) on top, and prints the messages as
// JSON. A rule that throws aborts ESLint: exit 1.
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import leakguard from 'eslint-plugin-leakguard';

const name = process.argv[2] ?? 'handler.js';
const rules = process.argv[3] ? JSON.parse(process.argv[3]) : {};
const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [leakguard.configs.strict, { rules }] });
const [result] = await eslint.lintText(readFileSync(0, 'utf8'), { filePath: name });
process.stdout.write(JSON.stringify(result.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, message: m.message, fatal: m.fatal ?? false }))));
