/**
 * Reports are identical whatever --jobs is. A deep-nesting notification used to carry the column
 * where yaml's recursion ran out of stack, and a worker thread's stack is not the main thread's,
 * so the same tree gave different reports with -j 1 and -j 2.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { runBounded } from './support/bounded-run.js';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
function tree(): Record<string, string> {
  const files: Record<string, string> = {};
  // Enough ordinary files that workers take batches; deep files spread among them.
  for (let i = 0; i < 600; i++) files[`tree/src/m${String(i).padStart(3, '0')}.ts`] = `export const v${i} = ${i};\n`.repeat(40);
  for (let i = 0; i < 600; i += 20) {
    const n = 900 + i * 7;
    files[`tree/src/m${String(i).padStart(3, '0')}-cfn.json`] = `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"X": {"Type": "AWS::S3::Bucket", "Properties": ${deep(n)}}}}\n`;
    files[`tree/src/m${String(i).padStart(3, '0')}-cfn.yaml`] = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  X:\n    Type: AWS::S3::Bucket\n    Properties: ${deep(n)}\n`;
    files[`tree/src/m${String(i).padStart(3, '0')}/serverless.yml`] = `service: s\nprovider:\n  name: aws\ncustom:\n  x: ${deep(n)}\n`;
  }
  return files;
}

describe('a report does not depend on --jobs', () => {
  it('deeply nested templates give the same notifications with -j 1 and -j 2', () => {
    const dir = makeProject(tree());
    const reports = ['1', '2'].map((jobs) => {
      // The report goes outside the tree: the second run must not scan the first one's report.
      const run = runBounded(['scan', 'tree', '-j', jobs, '-f', 'json', '-o', `r${jobs}.json`], { cwd: dir, timeoutMs: 60_000 });
      expect(run.status, `-j ${jobs}: ${run.stderr.slice(0, 400)}`).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, `r${jobs}.json`), 'utf8')) as { summary: { durationMs?: number }; notifications: unknown[] };
      delete report.summary.durationMs;
      return report;
    });
    expect(reports[0]!.notifications.length).toBe(90);
    expect(reports[1]).toEqual(reports[0]);
  });
});
