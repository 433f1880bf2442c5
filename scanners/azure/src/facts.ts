/**
 * Azure template (Bicep or ARM) -> the shared facts: function app settings (`siteConfig.appSettings`
 * and `Microsoft.Web/sites/config` `appsettings`), connection strings, Key Vault secrets (expiry,
 * literal values), parameters (secure, literal defaults) and literal secret-named properties.
 */
import {
  emptyFactSet,
  isSecretLikeName,
  regionOf,
  isSettingProperty,
  type EnvVarFact,
  type FactSet,
  type Positioned,
} from '@leakguard/core';
import { at, get, scalarText, type PNode, type Span } from '@leakguard/scanner-cloudformation';
import type { AzureResource, AzureTemplate } from './model.js';

/** Sites whose settings are a function's environment (Function apps, and web apps with the same settings). */
const SITES = /^microsoft\.web\/sites(\/slots)?$/i;
const SITE_CONFIG = /^microsoft\.web\/sites(\/slots)?\/config$/i;
const KEY_VAULT_SECRET = /^microsoft\.keyvault\/vaults\/secrets$/i;
/** Properties handled by their own facts, not as literal secret attributes. */
const SKIP_FOR_ATTRIBUTES = new Set(['appSettings', 'connectionStrings', 'tags', 'env']);

export function azureFacts(t: AzureTemplate, starts: number[]): FactSet {
  const facts = emptyFactSet();
  const region = (s: Span) => regionOf(starts, s.start, s.end);
  const pos = (value: string, s: Span): Positioned<string> => ({ value, region: region(s) });
  const kind = t.format === 'bicep' ? 'bicep-parameter' : 'arm-parameter';

  for (const p of t.params) {
    const def = p.defaultValue;
    // Only a literal default (`[newGuid()]`, `uniqueString(...)` are expressions, never secrets written here).
    const v = def?.kind === 'scalar' && typeof def.value === 'string' ? t.valueOf(def) : undefined;
    const text = v?.kind === 'literal' ? v.text : v?.kind === 'reference' ? v.text : undefined;
    facts.inputs.push({ kind, source: `parameters.${p.name}`, name: pos(p.name, p.nameSpan), masked: p.secure, ...(def && text !== undefined ? { defaultValue: pos(text, def) } : {}) });
  }

  const setting = (r: AzureResource, name: string, nameSpan: Span, value: PNode): void => {
    // A site's `config` child is named `site/appsettings` (ARM) or nested under the site (Bicep).
    const functionName = SITE_CONFIG.test(r.type) ? (r.parent ?? r.name.split('/')[0] ?? r.name) : r.name;
    const fact: EnvVarFact = { platform: 'azure-functions', functionName, name: pos(name, nameSpan), value: t.valueOf(value), valueRegion: region(value) };
    facts.envVars.push(fact);
  };
  /** `[{ name: 'X', value: ... }]` (siteConfig.appSettings) or `[{ name, connectionString }]`. */
  const settingList = (r: AzureResource, list: PNode | undefined, valueKey: string): void => {
    if (list?.kind !== 'seq') return;
    for (const item of list.items) {
      const nameNode = get(item, 'name');
      const name = scalarText(nameNode);
      const value = get(item, valueKey);
      if (name !== undefined && nameNode && value) setting(r, name, nameNode, value);
    }
  };

  for (const r of t.resources) {
    const props = get(r.body, 'properties');
    if (SITES.test(r.type)) {
      settingList(r, at(props, 'siteConfig', 'appSettings'), 'value');
      settingList(r, at(props, 'siteConfig', 'connectionStrings'), 'connectionString');
    } else if (SITE_CONFIG.test(r.type)) {
      const configName = (scalarText(get(r.body, 'name')) ?? '').split('/').pop()?.toLowerCase();
      if (configName === 'appsettings' && props?.kind === 'map') for (const e of props.entries) setting(r, e.key, e.keySpan, e.value);
      if (configName === 'connectionstrings' && props?.kind === 'map') for (const e of props.entries) { const v = get(e.value, 'value'); if (v) setting(r, e.key, e.keySpan, v); }
      if (configName === 'appsettings' || configName === 'connectionstrings') continue;
    } else if (KEY_VAULT_SECRET.test(r.type)) {
      const exp = at(props, 'attributes', 'exp');
      facts.stores.push({ kind: 'azure-keyvault-secret', source: r.name, region: region(r.nameSpan), rotation: exp !== undefined, customerManagedKey: 'unknown', secretLike: true });
      const valueNode = get(props, 'value');
      const value = valueNode ? t.valueOf(valueNode) : undefined;
      if (valueNode && value?.kind === 'literal') {
        const secretName = (scalarText(get(r.body, 'name')) ?? '').split('/').pop() ?? '';
        facts.secretAttributes.push({ source: `${r.name}.properties.value`, name: pos(isSecretLikeName(secretName) ? secretName : `${r.name}-secret`, valueNode), value: pos(value.text, valueNode) });
      }
      continue;
    }
    secretAttributes(props, `${r.name}.properties`, 0);
  }

  /** Literal values of secret-named properties anywhere else (`administratorLoginPassword: '...'`). */
  function secretAttributes(node: PNode | undefined, source: string, depth: number): void {
    if (!node || depth > 8) return;
    if (node.kind === 'seq') node.items.forEach((item, i) => secretAttributes(item, `${source}[${i}]`, depth + 1));
    if (node.kind !== 'map') return;
    for (const e of node.entries) {
      if (SKIP_FOR_ATTRIBUTES.has(e.key) || isSettingProperty(e.key, e.value.kind === 'map')) continue;
      const v = e.value.kind === 'scalar' && typeof e.value.value === 'string' ? t.valueOf(e.value) : undefined;
      if (v?.kind === 'literal' && isSecretLikeName(e.key)) facts.secretAttributes.push({ source: `${source}.${e.key}`, name: pos(e.key, e.keySpan), value: pos(v.text, e.value) });
      else secretAttributes(e.value, `${source}.${e.key}`, depth + 1);
    }
  }
  return facts;
}
