#!/usr/bin/env node
// Runs ESLint's Node API in a plain Node process (as a user's `eslint` would: no test runner's
// resolve conditions), and prints the results as JSON. Usage: eslint-run.mjs <cwd> <pattern>...
import { ESLint } from 'eslint';

const [cwd, ...patterns] = process.argv.slice(2);
const eslint = new ESLint({ cwd, stats: process.env.LEAKGUARD_ESLINT_STATS === '1' });
const results = await eslint.lintFiles(patterns);
process.stdout.write(JSON.stringify(results));
