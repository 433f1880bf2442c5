/**
 * tree-sitter's bounds: it is given at most MAX_TREE_SITTER_CHARS, and a WebAssembly instance that
 * aborted (out of memory near 19 MB, which takes 2 GB to show for real) is replaced by a fresh one
 * for the next file. The abort is simulated by a call the binding rejects: any failure of `parse`
 * leaves the instance suspect, so the path is the same.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HclLimitError, MAX_TREE_SITTER_CHARS, TerraformScanner, hclReady, initHcl, parseHclTreeSitter } from '@leakguard/scanner-terraform';
import { engine } from '../../cloudformation/tests/helpers.js';

const scanner = new TerraformScanner();
beforeAll(() => scanner.init());
/** A template directive keeps this file outside the fast reader's subset: tree-sitter reads it. */
const adminPolicy = 'resource "aws_iam_policy" "p" {\n  description = "%{ if true }x%{ endif }"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n';

describe('the tree-sitter parser within bounds', () => {
  it('refuses text over its bound with a limit error, and the scanner makes it a notification', async () => {
    const huge = 'locals {\n  x = ${ }\n}\n' + '#'.repeat(MAX_TREE_SITTER_CHARS);
    expect(() => parseHclTreeSitter(huge)).toThrow(HclLimitError);
    const out = await scanner.scan({ path: 'huge.tf', text: huge }, { secrets: engine });
    expect(out.notifications).toEqual([expect.objectContaining({ kind: 'limit', path: 'huge.tf' })]);
    expect(out.coversSecrets, 'the plain secret pass still runs').toBeFalsy();
  });

  it('after a failed parse, the next file gets a fresh instance and keeps its findings', async () => {
    expect(() => parseHclTreeSitter(42 as unknown as string)).toThrow(HclLimitError);
    expect(hclReady()).toBe(false);
    const out = await scanner.scan({ path: 'next.tf', text: adminPolicy }, { secrets: engine });
    expect(out.drafts.map((d) => d.ruleId)).toContain('iam/wildcard-action');
    expect(hclReady()).toBe(true);
    await initHcl();
    expect(parseHclTreeSitter(adminPolicy).body.blocks).toHaveLength(1);
  });
});
