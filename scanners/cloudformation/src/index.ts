/**
 * The CloudFormation / SAM scanner: YAML (short-form intrinsic tags) and JSON templates, detected
 * by content. Template -> facts -> the shared judges; the secret catalog over the whole text.
 */
import {
  INFRA_RULES,
  ResolveBudget,
  factFileDrafts,
  lineStarts,
  positionAt,
  type FileScanner,
  type Notification,
  type ScanContext,
  type ScanInput,
  type ScanOutput,
} from '@leakguard/core';
import { isTemplate, templateFacts } from './template.js';
import { parseTree, type ParseProblem } from './tree.js';

export * from './tree.js';
export * from './evaluate.js';
export * from './template.js';

const EXTENSIONS = /\.(ya?ml|json|template|cfn)$/i;
/** A cheap look at the content: a template declares its version or has `AWS::` (or `Alexa::ASK::`) typed resources. */
const LOOKS_LIKE_TEMPLATE = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?(?:AWS|Alexa::ASK)::/;
const SERVERLESS_FILE = /(^|\/)serverless\.(ya?ml|json)$/i;

/** Problems of a parse as notifications naming the file and the position. */
export function parseNotifications(path: string, text: string, problems: ParseProblem[], what: string): Notification[] {
  const starts = lineStarts(text);
  return problems.map((p) => {
    if (p.offset === undefined) return { kind: 'parse-error', level: 'warning', message: `${what} could not be parsed: ${p.message}`, path };
    const { line, column } = positionAt(starts, Math.min(p.offset, text.length));
    return { kind: 'parse-error', level: 'warning', message: `${what} could not be parsed at ${line}:${column}: ${p.message}`, path, line, column };
  });
}

export class CloudFormationScanner implements FileScanner {
  readonly name = 'cloudformation';
  readonly rules = INFRA_RULES;

  accepts(input: ScanInput): boolean {
    if (!EXTENSIONS.test(input.path) || SERVERLESS_FILE.test(input.path)) return false;
    // Every alternative of the pattern holds "AWS" or "Alexa::ASK": a substring search rules out most files faster.
    const text = input.text;
    return (text.includes('AWS') || text.includes('Alexa::ASK')) && LOOKS_LIKE_TEMPLATE.test(text);
  }

  scan(input: ScanInput, context: ScanContext): ScanOutput {
    const parsed = parseTree(input.text);
    if (!parsed.root) {
      // Not readable as a template: the plain secret pass still runs (coversSecrets false).
      return { drafts: [], notifications: parseNotifications(input.path, input.text, parsed.problems, 'CloudFormation template') };
    }
    if (!isTemplate(parsed.root)) return { drafts: [], notifications: [] };
    // Read in part (a stray second document): judged, and the problem still said.
    const notifications = parseNotifications(input.path, input.text, parsed.problems, 'CloudFormation template');
    const starts = lineStarts(input.text);
    const budget = new ResolveBudget(input.text.length);
    const facts = templateFacts({ root: parsed.root, starts, context: { budget } });
    const drafts = factFileDrafts(facts, input.text, starts, context.secrets);
    const limit = budget.notification(input.path, 'CloudFormation template');
    if (limit) notifications.push(limit);
    return { drafts, notifications, coversSecrets: true };
  }
}

export function cloudFormationScanner(): CloudFormationScanner {
  return new CloudFormationScanner();
}
