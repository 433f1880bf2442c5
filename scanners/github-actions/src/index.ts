/**
 * The GitHub Actions scanner: `.github/workflows/*.yml`. Workflow -> facts -> core's `ci/*`
 * checks; the plain secret pass runs over the file too (this scanner does not cover secrets).
 */
import { issuesToDrafts, judgeWorkflowFacts, lineStarts, WORKFLOW_RULES, type FileScanner, type ScanInput, type ScanOutput } from '@leakguard/core';
import { parseNotifications, parseTree } from '@leakguard/scanner-cloudformation';
import { workflowFacts } from './facts.js';

export { workflowFacts } from './facts.js';

const WORKFLOW = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;

export class GitHubActionsScanner implements FileScanner {
  readonly name = 'github-actions';
  readonly rules = WORKFLOW_RULES;

  accepts(input: ScanInput): boolean {
    return WORKFLOW.test(input.path);
  }

  scan(input: ScanInput): ScanOutput {
    // Bounded like templates: depth, nodes and aliases (see scanner-cloudformation's tree.ts).
    const parsed = parseTree(input.text);
    if (!parsed.root) return { drafts: [], notifications: parseNotifications(input.path, input.text, parsed.problems, 'GitHub Actions workflow') };
    if (parsed.root.kind !== 'map') return { drafts: [], notifications: [] };
    const facts = workflowFacts(parsed.root, input.text, lineStarts(input.text));
    return { drafts: issuesToDrafts(judgeWorkflowFacts(facts), input.text), notifications: [] };
  }
}
