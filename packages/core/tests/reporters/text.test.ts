import { describe, expect, it } from 'vitest';
import { toJsonReport, toText, type Finding, type ScanReport } from '@leakguard/core';

const finding = (path: string, line: number, level: Finding['level'], ruleId = 'secret/x'): Finding => ({
  ruleId,
  level,
  message: `${ruleId} found`,
  location: { path, startLine: line, startColumn: 3, endLine: line, endColumn: 9 },
  fingerprint: 'f',
  lineHash: 'h:1',
});

const report = (findings: Finding[], extra: Partial<ScanReport> = {}): ScanReport => ({
  tool: { name: 'leakguard', version: '0.0.0', informationUri: 'https://example.invalid', regexEngine: 're2' },
  kind: 'scan',
  category: 'leakguard/scan',
  runId: 'r',
  findings,
  notifications: [],
  rules: [],
  stats: { filesScanned: 3, bytesScanned: 10, filesSkipped: 1, durationMs: 1500 },
  ...extra,
});

describe('text report', () => {
  it('groups findings by file and ends with counts by level', () => {
    const text = toText(report([finding('b.ts', 4, 'warning'), finding('a.ts', 10, 'error'), finding('b.ts', 2, 'note', 'iam/y')]), { color: false });
    expect(text).toBe(
      [
        'a.ts',
        '  10:3     error   secret/x found  secret/x',
        '',
        'b.ts',
        '  4:3      warning secret/x found  secret/x',
        '  2:3      note    iam/y found  iam/y',
        '',
        '3 findings (1 error, 1 warning, 1 note) in 3 files scanned, 1 skipped, 1.50s.',
        '',
      ].join('\n'),
    );
  });

  it('uses colour only when asked', () => {
    expect(toText(report([finding('a.ts', 1, 'error')]), { color: true })).toContain('\u001b[31m');
    expect(toText(report([finding('a.ts', 1, 'error')]), { color: false })).not.toContain('\u001b[');
  });

  it('lists inputs with problems, skipped files only when verbose', () => {
    const notifications = [
      { kind: 'parse-error' as const, level: 'error' as const, message: 'bad YAML', path: 't.yaml', line: 3, column: 5 },
      { kind: 'skipped-binary' as const, level: 'note' as const, message: 'skipped: binary file', path: 'x.png' },
    ];
    const quiet = toText(report([], { notifications }), { color: false });
    expect(quiet).toContain('t.yaml:3:5: bad YAML');
    expect(quiet).not.toContain('x.png');
    expect(toText(report([], { notifications }), { color: false, verbose: true })).toContain('x.png: skipped: binary file');
    expect(quiet).toContain('No findings (0 errors, 0 warnings, 0 notes)');
  });

  it('says when a finding from history is no longer at HEAD', () => {
    const f = { ...finding('a.ts', 1, 'error'), commit: { sha: '0123456789abcdef', author: 'Ann', date: '2026-01-02T03:04:05Z', presentAtHead: false } };
    expect(toText(report([f]), { color: false })).toContain('commit 0123456789ab by Ann on 2026-01-02, no longer at HEAD');
  });
});

describe('JSON report', () => {
  it('has a stable shape with a summary', () => {
    const json = toJsonReport(report([finding('a.ts', 1, 'error'), finding('a.ts', 2, 'note')]));
    expect(json).toMatchObject({
      formatVersion: 1,
      kind: 'scan',
      summary: { findings: 2, byLevel: { error: 1, warning: 0, note: 1 }, filesScanned: 3, filesSkipped: 1, durationMs: 1500 },
    });
  });
});

describe('text report: the regex engine', () => {
  it.each<['re2' | 'js', boolean]>([
    ['re2', false],
    ['js', true],
  ])('with %s, says that the JS fallback ran: %s', (regexEngine, shown) => {
    const text = toText(report([], { tool: { name: 'leakguard', version: '0.0.0', informationUri: 'x', regexEngine } }), { color: false });
    expect(text.includes('regex engine: JavaScript RegExp')).toBe(shown);
  });
});
