/**
 * ARM JSON templates -> `AzureTemplate`, read through the CloudFormation reader's bounded,
 * positioned JSON/YAML tree. Values are strings in ARM's expression language: `[parameters('p')]`
 * and `[variables('v')]` are followed, `[[` is an escaped literal, any other `[...]` is unresolved
 * unless it builds a Key Vault reference.
 */
import { classifyLiteral, type EnvValue } from '@leakguard/core';
import { get, scalarText, type PNode } from '@leakguard/scanner-cloudformation';
import type { AzureParam, AzureResource, AzureTemplate } from './model.js';

/** `deploymentTemplate.json#`, `subscriptionDeploymentTemplate.json#`, ... */
const SCHEMA = /schema\.management\.azure\.com\/schemas\/[^"']*[dD]eploymentTemplate\.json/;

const LOGIC_APP_EXPRESSION = /^@(?:\{|[A-Za-z_][\w.]*\()/;

/**
 * ARM reads JSON with comments (`//`, `/* *\/`): blank them out, keeping every offset and line,
 * so the JSON reader sees plain JSON and positions stay those of the file. Linear, one pass.
 */
export function blankJsonComments(text: string): string {
  if (!text.includes('/')) return text;
  let out = '';
  let i = 0;
  let from = 0;
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      i++;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : text[i + 1] === '/' ? end : end + 2;
      out += text.slice(from, i) + blank(text.slice(i, stop));
      i = from = stop;
    } else {
      i++;
    }
  }
  return out + text.slice(from);
}

export function isArmTemplate(root: PNode | undefined): boolean {
  return root?.kind === 'map' && SCHEMA.test(scalarText(get(root, '$schema')) ?? '') && get(root, 'resources') !== undefined;
}

export function armTemplate(root: PNode): AzureTemplate {
  const params: AzureParam[] = [];
  const parameters = get(root, 'parameters');
  for (const p of parameters?.kind === 'map' ? parameters.entries : []) {
    const type = (scalarText(get(p.value, 'type')) ?? '').toLowerCase();
    const def = get(p.value, 'defaultValue');
    params.push({ name: p.key, nameSpan: p.keySpan, secure: type === 'securestring' || type === 'secureobject', ...(def ? { defaultValue: def } : {}) });
  }
  const paramByName = new Map(params.map((p) => [p.name.toLowerCase(), p]));
  const variables = get(root, 'variables');

  const resources: AzureResource[] = [];
  const collect = (list: PNode | undefined, parentType: string | undefined, depth: number, parentName?: string): void => {
    // languageVersion 2.0 keys resources by symbolic name.
    const items = list?.kind === 'seq' ? list.items : list?.kind === 'map' ? list.entries.map((e) => e.value) : [];
    for (const r of items) {
      const typeText = scalarText(get(r, 'type')) ?? '';
      const type = parentType && !typeText.includes('/') ? `${parentType}/${typeText}` : typeText;
      const nameNode = get(r, 'name');
      const name = scalarText(nameNode) ?? type;
      resources.push({ type, name, nameSpan: nameNode ?? r, body: r, ...(parentName ? { parent: parentName } : {}) });
      if (depth < 4) collect(get(r, 'resources'), type, depth + 1, name);
    }
  };
  collect(get(root, 'resources'), undefined, 0);

  const valueOf = (node: PNode, depth = 0): EnvValue => {
    if (depth > 8 || node.kind !== 'scalar' || node.value === null) return { kind: 'unresolved' };
    const text = String(node.value);
    if (typeof node.value !== 'string') return classifyLiteral(text);
    // Logic Apps workflow language inside a template: `@triggerBody()?['LockToken']`, `@{parameters('x')}`.
    if (LOGIC_APP_EXPRESSION.test(text) && !text.startsWith('@Microsoft.KeyVault(')) return { kind: 'unresolved', text };
    if (!text.startsWith('[')) return classifyLiteral(text);
    if (text.startsWith('[[')) return classifyLiteral(text.slice(1));
    const expr = text.trim();
    const param = /^\[parameters\('([^']+)'\)\]$/i.exec(expr);
    if (param) {
      const p = paramByName.get(param[1]!.toLowerCase());
      if (p?.secure) return { kind: 'reference', store: 'noecho-parameter', text: p.name };
      if (p) return { kind: 'deploy-time', source: `parameter ${p.name} that is not a securestring`, text: p.name };
    }
    const variable = /^\[variables\('([^']+)'\)\]$/i.exec(expr);
    const v = variable ? get(variables, variable[1]!) : undefined;
    if (v) return valueOf(v, depth + 1);
    // `[concat('@Microsoft.KeyVault(SecretUri=', reference(...).secretUriWithVersion, ')')]`, `[format('@Microsoft.KeyVault(...)', ...)]`.
    if (/'@Microsoft\.KeyVault\(/i.test(expr)) return { kind: 'reference', store: 'keyvault', text: expr };
    return { kind: 'unresolved', text: expr };
  };
  return { format: 'arm', params, resources, valueOf: (n) => valueOf(n) };
}
