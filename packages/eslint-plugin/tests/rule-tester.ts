/**
 * typescript-eslint's RuleTester on vitest. `cases()` turns a table into RuleTester cases: plain
 * JavaScript rows run twice (as `.js` and as `.ts`), TypeScript rows once (as `.ts`).
 */
import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

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

function variants<O extends Options>(row: Row<O>): { filename: string; name: string }[] {
  if (row.filename) return [{ filename: row.filename, name: row.filename }];
  const langs = row.lang === 'ts' ? ['ts'] : ['js', 'ts'];
  return langs.map((l) => ({ filename: `src/handler.${l}`, name: l }));
}

export function valid<O extends Options>(rows: Row<O>[]): ValidTestCase<O>[] {
  return rows.flatMap((row) =>
    variants(row).map((v) => ({
      code: row.code,
      filename: v.filename,
      name: `${v.name}: ${row.code.replace(/\s+/g, ' ').trim()}`,
      ...(row.options ? { options: row.options } : {}),
    })),
  );
}

export function invalid<M extends string, O extends Options>(rows: InvalidRow<M, O>[]): InvalidTestCase<M, O>[] {
  return rows.flatMap((row) =>
    variants(row).map((v) => ({
      code: row.code,
      filename: v.filename,
      name: `${v.name}: ${row.code.replace(/\s+/g, ' ').trim()}`,
      ...(row.options ? { options: row.options } : {}),
      errors: row.errors.map((e) => (typeof e === 'string' ? { messageId: e } : e)),
    })),
  );
}
