/**
 * typescript-eslint's RuleTester on vitest. `valid()` / `invalid()` turn a table into RuleTester
 * cases: plain JavaScript rows run twice (as `.js` through espree, and as `.ts` through
 * @typescript-eslint/parser), TypeScript rows once (as `.ts`).
 */
import { createRequire } from 'node:module';
import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

// JavaScript rows are parsed by ESLint's own default parser (espree), as a user's .js files are.
const requireFromEslint = createRequire(createRequire(import.meta.url).resolve('eslint'));
const espree = requireFromEslint('espree') as object;
const JS_LANGUAGE_OPTIONS = { parser: espree, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } } as const;

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const ruleTester = new RuleTester();

type Options = readonly unknown[];

export interface Row<O extends Options> {
  code: string;
  /** `js` (default): run as `src/handler.js` and `src/handler.ts`; `ts`: only as TypeScript. */
  lang?: 'js' | 'ts';
  filename?: string;
  options?: O;
}

export interface InvalidRow<M extends string, O extends Options> extends Row<O> {
  errors: M[] | { messageId: M; line?: number; data?: Record<string, unknown> }[];
}

interface Variant {
  filename: string;
  name: string;
  languageOptions?: typeof JS_LANGUAGE_OPTIONS;
}

function variants<O extends Options>(row: Row<O>): Variant[] {
  const js = (filename: string): Variant => ({ filename, name: filename, languageOptions: JS_LANGUAGE_OPTIONS });
  if (row.filename) return [/\.[cm]?jsx?$/.test(row.filename) ? js(row.filename) : { filename: row.filename, name: row.filename }];
  if (row.lang === 'ts') return [{ filename: 'src/handler.ts', name: 'ts' }];
  return [{ ...js('src/handler.js'), name: 'js' }, { filename: 'src/handler.ts', name: 'ts' }];
}

/** The fields a valid and an invalid case share, for one parser variant of a row. */
function caseOf<O extends Options>(row: Row<O>, v: Variant) {
  return {
    code: row.code,
    filename: v.filename,
    name: `${v.name}: ${row.code.replace(/\s+/g, ' ').trim()}`,
    ...(v.languageOptions ? { languageOptions: v.languageOptions } : {}),
    ...(row.options ? { options: row.options } : {}),
  };
}

export function valid<O extends Options>(rows: Row<O>[]): ValidTestCase<O>[] {
  return rows.flatMap((row) => variants(row).map((v) => caseOf(row, v)));
}

export function invalid<M extends string, O extends Options>(rows: InvalidRow<M, O>[]): InvalidTestCase<M, O>[] {
  return rows.flatMap((row) =>
    variants(row).map((v) => ({
      ...caseOf(row, v),
      errors: row.errors.map((e) => (typeof e === 'string' ? { messageId: e } : e)),
    })),
  );
}
