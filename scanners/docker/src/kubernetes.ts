/**
 * Kubernetes manifests (YAML, `---`-separated documents) -> the shared facts:
 * - a `Secret`'s `data:` values are base64: each is decoded and judged by its key (`password`), and
 *   the decoded text goes through the catalog (a private key in `tls.key`); `stringData:` is judged
 *   as written. `.dockerconfigjson` / `.dockercfg` are decoded: each registry's `password` is judged,
 *   its `auth` found by the catalog in the decoded text.
 * - container `env:` lists (`- name: DB_PASSWORD` / `value: ...`) in any workload, and any other list
 *   of `name`/`value` pairs, are environment variables judged like a function's (`env/*`);
 *   `valueFrom` (`secretKeyRef`) carries no `value` and is the good pattern.
 * - a secret-like key whose value is a map with a literal `value:` (`DB_PASSWORD: {value: ...}`).
 */
import {
  classifyLiteral,
  decodeBase64Text,
  emptyFactSet,
  isSecretLikeName,
  regionOf,
  type EnvValue,
  type FactSet,
  type Positioned,
  type Region,
} from '@leakguard/core';
import { get, scalarText, type PNode, type Span } from '@leakguard/scanner-cloudformation';

/** Depth of the walk for `name`/`value` pairs (a CronJob's containers are about 8 levels down). */
const MAX_WALK_DEPTH = 24;
/** Decoded `.dockerconfigjson` read as JSON at most. */
const MAX_DOCKER_CONFIG_CHARS = 256 * 1024;

/** `$(OTHER_VAR)`: Kubernetes expands another variable of the container into the value. */
function k8sEnvValue(text: string): EnvValue {
  if (/\$\([A-Za-z_][\w.-]*\)/.test(text)) return { kind: 'unresolved', text };
  return classifyLiteral(text);
}

/** Lists inside lists read, at most (kubectl prints one level; a hostile file could nest more). */
const MAX_LIST_NESTING = 4;

export function kubernetesFacts(roots: PNode[], starts: number[]): FactSet {
  const facts = emptyFactSet();
  const region = (s: Span): Region => regionOf(starts, s.start, s.end);
  const pos = (value: string, s: Span): Positioned<string> => ({ value, region: region(s) });

  for (const root of roots) object(root, get(root, 'apiVersion') !== undefined, 0);
  return facts;

  /**
   * One object of a manifest; a `List` (what `kubectl get -o yaml` prints, `kind: List` or
   * `SecretList`) is read item by item, each item an object of its own (its `apiVersion` may be
   * left to the list's).
   */
  function object(root: PNode, versioned: boolean, depth: number): void {
    const kind = scalarText(get(root, 'kind'));
    if (!kind || !(versioned || get(root, 'apiVersion'))) return;
    const items = get(root, 'items');
    if (/List$/.test(kind) && items?.kind === 'seq') {
      if (depth < MAX_LIST_NESTING) for (const item of items.items) object(item, true, depth + 1);
      return;
    }
    const name = scalarText(get(get(root, 'metadata'), 'name')) ?? '(unnamed)';
    const holder = `${kind}/${name}`;
    if (kind === 'Secret') secretFacts(root, holder);
    walk(root, holder, 0);
  }

  function secretFacts(root: PNode, holder: string): void {
    const data = get(root, 'data');
    if (data?.kind === 'map') {
      for (const e of data.entries) {
        if (e.value.kind !== 'scalar' || typeof e.value.value !== 'string') continue;
        const source = `${holder}.data.${e.key}`;
        facts.encodedPayloads.push({ source, value: pos(e.value.value, e.value) });
        const decoded = decodeBase64Text(e.value.value);
        if (decoded === undefined) continue;
        if (e.key === '.dockerconfigjson' || e.key === '.dockercfg') dockerConfig(decoded, source, e.value);
        else facts.secretAttributes.push({ source, name: pos(e.key, e.keySpan), value: pos(decoded, e.value), encoding: 'base64' });
      }
    }
    const stringData = get(root, 'stringData');
    if (stringData?.kind === 'map') {
      for (const e of stringData.entries) {
        if (e.value.kind !== 'scalar' || typeof e.value.value !== 'string') continue;
        facts.secretAttributes.push({ source: `${holder}.stringData.${e.key}`, name: pos(e.key, e.keySpan), value: pos(e.value.value, e.value) });
      }
    }
  }

  /**
   * `{"auths": {"registry": {"password": ...}}}` (or `.dockercfg`, without `auths`): the password is
   * judged here; `auth` (base64 of `user:password`) is the catalog's `secret/docker-config-auth`,
   * which reads the decoded payload.
   */
  function dockerConfig(json: string, source: string, at: PNode): void {
    if (json.length > MAX_DOCKER_CONFIG_CHARS) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return;
    }
    if (!parsed || typeof parsed !== 'object') return;
    const auths = (parsed as Record<string, unknown>).auths ?? parsed;
    if (!auths || typeof auths !== 'object') return;
    for (const [registry, entry] of Object.entries(auths as Record<string, unknown>)) {
      if (!entry || typeof entry !== 'object') continue;
      const fields = entry as Record<string, unknown>;
      const where = `${source}[${registry}]`;
      if (typeof fields.password === 'string') {
        facts.secretAttributes.push({ source: `${where}.password`, name: pos('password', at), value: pos(fields.password, at), encoding: 'base64' });
      }
    }
  }

  function walk(node: PNode, holder: string, depth: number): void {
    if (depth > MAX_WALK_DEPTH) return;
    if (node.kind === 'seq') {
      for (const item of node.items) {
        const n = get(item, 'name');
        const v = get(item, 'value');
        const nameText = scalarText(n);
        if (n && nameText !== undefined && v?.kind === 'scalar' && v.value !== null) {
          const text = String(v.value);
          if (text.trim() !== '') facts.envVars.push({ platform: 'kubernetes', functionName: holder, name: pos(nameText, n), value: k8sEnvValue(text), valueRegion: region(v) });
          continue;
        }
        walk(item, holder, depth + 1);
      }
      return;
    }
    if (node.kind !== 'map') return;
    for (const e of node.entries) {
      const inner = e.value.kind === 'map' ? get(e.value, 'value') : undefined;
      if (inner?.kind === 'scalar' && typeof inner.value === 'string' && isSecretLikeName(e.key)) {
        facts.envVars.push({ platform: 'kubernetes', functionName: holder, name: pos(e.key, e.keySpan), value: k8sEnvValue(inner.value), valueRegion: region(inner) });
        continue;
      }
      walk(e.value, holder, depth + 1);
    }
  }
}
