/**
 * A GitHub Actions workflow (read by `yaml` with positions, through the same bounded positioned
 * tree as templates) -> workflow facts: expressions inside `run:` scripts, literals under `env:`
 * and `with:`, `secrets: inherit` calls, and checkouts with the workflow's triggers.
 */
import { emptyWorkflowFacts, regionOf, type Positioned, type WorkflowFacts } from '@leakguard/core';
import { get, scalarText, type PMap, type PNode } from '@leakguard/scanner-cloudformation';

/** At most this many expressions are read from one script (a generated workflow is still bounded). */
const MAX_EXPRESSIONS_PER_SCRIPT = 1000;
/** `${{ ... }}`: an expression ends at the first `}}` (expressions hold no `}}` of their own). */
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

export function workflowFacts(root: PNode, text: string, starts: number[]): WorkflowFacts {
  const facts = emptyWorkflowFacts();
  const pos = (value: string, n: { start: number; end: number }): Positioned<string> => ({ value, region: regionOf(starts, n.start, n.end) });

  const triggers = triggersOf(get(root, 'on'));

  const values = (node: PNode | undefined, source: string): void => {
    if (node?.kind !== 'map') return;
    for (const e of node.entries) {
      const v = scalarText(e.value);
      if (v !== undefined && e.value.kind === 'scalar' && typeof e.value.value === 'string') facts.values.push({ source: `${source}.${e.key}`, name: pos(e.key, e.keySpan), value: pos(v, e.value) });
    }
  };

  const script = (node: PNode | undefined, source: string): void => {
    if (node?.kind !== 'scalar' || typeof node.value !== 'string') return;
    // The script as written in the file: block scalars keep expressions verbatim, so offsets are exact.
    const written = text.slice(node.start, node.end);
    let count = 0;
    for (const m of written.matchAll(EXPRESSION)) {
      if (++count > MAX_EXPRESSIONS_PER_SCRIPT) break;
      const from = node.start + m.index;
      const to = from + m[0].length;
      const lineStart = text.lastIndexOf('\n', from - 1) + 1;
      const lineEnd = text.indexOf('\n', to);
      facts.scriptExpressions.push({ source, expression: (m[1] ?? '').trim(), region: regionOf(starts, from, to), line: text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd) });
    }
  };

  values(get(root, 'env'), 'env');
  const jobs = get(root, 'jobs');
  for (const job of jobs?.kind === 'map' ? jobs.entries : []) {
    const jobSource = `jobs.${job.key}`;
    values(get(job.value, 'env'), `${jobSource}.env`);
    const uses = scalarText(get(job.value, 'uses'));
    const secrets = get(job.value, 'secrets');
    if (uses && scalarText(secrets) === 'inherit' && secrets) facts.inherits.push({ source: jobSource, uses, region: regionOf(starts, secrets.start, secrets.end) });
    const steps = get(job.value, 'steps');
    (steps?.kind === 'seq' ? steps.items : []).forEach((step, i) => {
      const stepSource = `${jobSource}.steps[${i}]`;
      values(get(step, 'env'), `${stepSource}.env`);
      const stepUses = scalarText(get(step, 'uses')) ?? '';
      // `with:` inputs of actions; a cache `key` names a cache entry, not a secret.
      values(withoutCacheKey(get(step, 'with'), stepUses), `${stepSource}.with`);
      script(get(step, 'run'), `${stepSource}.run`);
      if (/^actions\/checkout@/i.test(stepUses)) {
        const w = get(step, 'with');
        const ref = get(w, 'ref') ?? get(w, 'repository');
        const refText = scalarText(ref);
        facts.checkouts.push({ source: stepSource, triggers, ...(ref && refText !== undefined ? { ref: pos(refText, ref) } : {}) });
      }
    });
  }
  return facts;
}

function withoutCacheKey(w: PNode | undefined, uses: string): PNode | undefined {
  if (w?.kind !== 'map' || !/cache/i.test(uses)) return w;
  return { ...w, entries: w.entries.filter((e) => e.key !== 'key' && e.key !== 'restore-keys') } satisfies PMap;
}

/** `on: push`, `on: [push, pull_request_target]`, `on: { pull_request_target: {...} }`. */
function triggersOf(on: PNode | undefined): string[] {
  if (!on) return [];
  if (on.kind === 'scalar') return [String(on.value)];
  if (on.kind === 'seq') return on.items.map((i) => scalarText(i) ?? '').filter(Boolean);
  if (on.kind === 'map') return on.entries.map((e) => e.key);
  return [];
}
