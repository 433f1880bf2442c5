/**
 * One secret, one alert. A literal secret in a template is seen by several rules at one place: the
 * catalog (`secret/aws-access-key-id`, `secret/generic-password`) and the judge of what holds it
 * (`env/secret-literal`, `secret/literal-secret-attribute`, `container/secret-in-env`,
 * `ci/plaintext-secret`, any judge that hands its draft the secret). On GitHub that is two alerts
 * for one problem. Drafts about the same secret at overlapping places are merged into the most
 * specific one, which names the other views in `properties.alsoReportedAs`.
 */
import type { FindingDraft } from './build-findings.js';

/** The catalog's own judges of a literal: they know what holds a value, not what it is. */
const LITERAL_JUDGES = new Set(['secret/literal-secret-attribute', 'secret/literal-default']);

/**
 * Lower is more specific: a provider's format (a catalog rule), then the holder's view (a judge
 * outside the catalog that carries the secret, or a literal judge), then a generic pattern.
 */
function specificity(ruleId: string): number {
  if (!ruleId.startsWith('secret/') || LITERAL_JUDGES.has(ruleId)) return 1;
  if (ruleId.startsWith('secret/generic-')) return 2;
  return 0;
}

function overlaps(a: FindingDraft, b: FindingDraft): boolean {
  const before = (x: FindingDraft, y: FindingDraft) =>
    x.region.endLine < y.region.startLine || (x.region.endLine === y.region.startLine && x.region.endColumn <= y.region.startColumn);
  return !before(a, b) && !before(b, a);
}

function sameSecret(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

/** Merges drafts that report the same secret at the same place; the others pass unchanged. */
export function oneAlertPerSecret(drafts: FindingDraft[]): FindingDraft[] {
  // A draft that carries a secret is about that secret, whichever judge wrote it.
  const withSecret = drafts.filter((d) => d.secret !== undefined);
  if (withSecret.length < 2) return drafts;
  const dropped = new Set<FindingDraft>();
  const ordered = [...withSecret].sort((a, b) => specificity(a.ruleId) - specificity(b.ruleId));
  for (const keep of ordered) {
    if (dropped.has(keep)) continue;
    const others = ordered.filter((o) => o !== keep && !dropped.has(o) && o.ruleId !== keep.ruleId && overlaps(o, keep) && sameSecret(o.secret!, keep.secret!));
    if (others.length === 0) continue;
    for (const o of others) dropped.add(o);
    const names = [...new Set(others.map((o) => o.ruleId))].sort().join(', ');
    keep.properties = { ...keep.properties, alsoReportedAs: keep.properties?.alsoReportedAs ? `${keep.properties.alsoReportedAs}, ${names}` : names };
  }
  return drafts.filter((d) => !dropped.has(d));
}
