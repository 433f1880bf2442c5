/**
 * Inline ignores: a comment `leakguard:ignore` on the offending line, or alone on the line before,
 * silences findings there. `leakguard:ignore secret/aws-access-key-id` (or several ids separated by
 * commas or spaces, or a family such as `iam/*`) silences only those rules. Any comment syntax we
 * scan works: `//`, `#`, `/* *\/`, `<!-- -->`, `--`, `;`, `REM`, `{-`, `(*`. JSON has no comments:
 * use a baseline or the config's `allow` there.
 */
import type { FindingDraft } from '../build-findings.js';
import type { SourceLines } from '../source-lines.js';

export const IGNORE_DIRECTIVE = 'leakguard:ignore';

/** A comment opener, then optional spaces / `*` / `-`, then the directive. */
const DIRECTIVE = /(?:\/\/|\/\*|#|<!--|--|;|\bREM\b|\{-|\(\*)[\s*!-]*leakguard:ignore\b([^\n]*)/i;
/** A line that is only a comment (for the directive on the line before). */
const COMMENT_ONLY = /^\s*(?:\/\/|\/\*|\*|#|<!--|--|;|REM\b|\{-|\(\*)/i;
const RULE_ID = /^[a-z][a-z0-9-]*\/(?:\*|[a-z0-9][a-z0-9._-]*)$/i;

export interface IgnoreDirective {
  /** Rule ids (or `family/*`) the directive names; empty means every rule. */
  rules: string[];
}

/** The directive on one line, if there is one. Words that are not rule ids (a reason) are ignored. */
export function parseIgnoreDirective(line: string): IgnoreDirective | undefined {
  if (!line.toLowerCase().includes(IGNORE_DIRECTIVE)) return undefined;
  const m = DIRECTIVE.exec(line);
  if (!m) return undefined;
  // Stop at the comment's end, then take tokens that look like rule ids.
  const tail = (m[1] ?? '').split(/\*\/|-->|-\}|\*\)/)[0] ?? '';
  const rules = tail
    .replace(/^\s*[:=]/, ' ')
    .split(/[\s,]+/)
    .map((t) => t.replace(/^[[(]|[\])]$/g, ''))
    .filter((t) => RULE_ID.test(t));
  return { rules };
}

function covers(directive: IgnoreDirective, ruleId: string): boolean {
  if (directive.rules.length === 0) return true;
  const family = `${ruleId.split('/')[0]}/*`;
  return directive.rules.some((r) => r === ruleId || r === family);
}

/**
 * The drafts not silenced by an inline ignore, given the file's lines. A directive applies to its
 * own line, and to the next line when it stands alone on its line.
 */
export function applyInlineIgnores(drafts: FindingDraft[], lines: SourceLines): FindingDraft[] {
  if (drafts.length === 0) return drafts;
  const cache = new Map<number, IgnoreDirective | null>();
  const directiveAt = (n: number): IgnoreDirective | null => {
    let d = cache.get(n);
    if (d === undefined) {
      // The cheap test first: a minified line is decoded only when it holds the directive.
      const line = n >= 1 && lines.lineIncludes(n, IGNORE_DIRECTIVE) ? lines.line(n) : undefined;
      d = (line !== undefined && parseIgnoreDirective(line)) || null;
      cache.set(n, d);
    }
    return d;
  };
  return drafts.filter((draft) => {
    const n = draft.region.startLine;
    const own = directiveAt(n);
    if (own && covers(own, draft.ruleId)) return false;
    const before = directiveAt(n - 1);
    if (before && covers(before, draft.ruleId) && COMMENT_ONLY.test(lines.line(n - 1) ?? '')) return false;
    return true;
  });
}
