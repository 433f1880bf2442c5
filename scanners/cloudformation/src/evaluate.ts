/**
 * What a reviewer can read out of a CloudFormation value: literals, `Ref` to parameters (with
 * their NoEcho and Default), `Fn::Sub` / `Fn::Join` of known parts, both branches of `Fn::If`.
 * Anything else stays unresolved; it is never guessed into a finding.
 */
import { classifyLiteral, type EnvValue } from '@leakguard/core';
import { asList, scalarText, type PNode, type Span } from './tree.js';

export interface ParamInfo {
  noEcho: boolean | 'unknown';
  default?: string;
}

export interface EvalContext {
  params: Map<string, ParamInfo>;
  /** Logical id -> resource type. */
  resources: Map<string, string>;
}

export type Val =
  | { kind: 'str'; text: string }
  | { kind: 'param'; name: string; info: ParamInfo }
  | { kind: 'resource'; name: string; type: string; attribute?: string }
  | { kind: 'novalue' }
  | { kind: 'unresolved'; text?: string };

export interface Evaluated {
  val: Val;
  span: Span;
}

/** Every value the node may take (`Fn::If` yields both branches), each with where it was written. */
export function evaluate(node: PNode | undefined, ctx: EvalContext, depth = 0): Evaluated[] {
  if (!node || depth > 16) return [];
  const span = { start: node.start, end: node.end };
  if (node.kind === 'scalar') {
    return node.value === null ? [] : [{ val: { kind: 'str', text: String(node.value) }, span }];
  }
  if (node.kind !== 'fn') return [{ val: { kind: 'unresolved' }, span }];
  switch (node.name) {
    case 'Ref': {
      const name = scalarText(node.arg);
      if (name === undefined) return [{ val: { kind: 'unresolved' }, span }];
      if (name === 'AWS::NoValue') return [{ val: { kind: 'novalue' }, span }];
      const info = ctx.params.get(name);
      if (info) return [{ val: { kind: 'param', name, info }, span }];
      const type = ctx.resources.get(name);
      if (type) return [{ val: { kind: 'resource', name, type }, span }];
      return [{ val: { kind: 'unresolved', text: `Ref ${name}` }, span }];
    }
    case 'Fn::GetAtt': {
      const parts = node.arg.kind === 'seq' ? node.arg.items.map(scalarText) : (scalarText(node.arg) ?? '').split('.');
      const name = parts[0];
      const type = name ? ctx.resources.get(name) : undefined;
      if (name && type) return [{ val: { kind: 'resource', name, type, attribute: parts.slice(1).join('.') }, span }];
      return [{ val: { kind: 'unresolved' }, span }];
    }
    case 'Fn::If': {
      const items = node.arg.kind === 'seq' ? node.arg.items : [];
      return [...evaluate(items[1], ctx, depth + 1), ...evaluate(items[2], ctx, depth + 1)].filter((e) => e.val.kind !== 'novalue');
    }
    case 'Fn::Sub': {
      const tpl = node.arg.kind === 'seq' ? node.arg.items[0] : node.arg;
      const vars = node.arg.kind === 'seq' ? node.arg.items[1] : undefined;
      const text = scalarText(tpl);
      if (text === undefined) return [{ val: { kind: 'unresolved' }, span }];
      let unresolved = false;
      const out = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
        if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
        const local = vars && vars.kind === 'map' ? vars.entries.find((e) => e.key === inner)?.value : undefined;
        const one = local ? evaluate(local, ctx, depth + 1) : [];
        const v = one.length === 1 ? one[0]!.val : undefined;
        if (v?.kind === 'str') return v.text;
        const p = !local ? ctx.params.get(inner) : undefined;
        if (p && p.noEcho === false && p.default !== undefined) return p.default;
        unresolved = true;
        return whole;
      });
      return [{ val: unresolved ? { kind: 'unresolved', text: out } : { kind: 'str', text: out }, span }];
    }
    case 'Fn::Join': {
      const items = node.arg.kind === 'seq' ? node.arg.items : [];
      const delimiter = scalarText(items[0]) ?? '';
      const parts: string[] = [];
      for (const part of asList(items[1])) {
        const v = evaluate(part, ctx, depth + 1);
        if (v.length !== 1 || v[0]!.val.kind !== 'str') return [{ val: { kind: 'unresolved' }, span }];
        parts.push(v[0]!.val.text);
      }
      return [{ val: { kind: 'str', text: parts.join(delimiter) }, span }];
    }
    default:
      return [{ val: { kind: 'unresolved' }, span }];
  }
}

/** The values of a node that resolve to strings; `unresolved` says some did not. */
export function strings(node: PNode | undefined, ctx: EvalContext): { values: { text: string; span: Span }[]; unresolved: boolean } {
  const values: { text: string; span: Span }[] = [];
  let unresolved = false;
  for (const item of asList(node)) {
    for (const e of evaluate(item, ctx)) {
      if (e.val.kind === 'str') values.push({ text: e.val.text, span: e.span });
      else if (e.val.kind === 'param' && e.val.info.noEcho === false && e.val.info.default !== undefined) values.push({ text: e.val.info.default, span: e.span });
      else if (e.val.kind !== 'novalue') unresolved = true;
    }
  }
  return { values, unresolved };
}

/** An environment value as the env judge sees it. */
export function envValueOf(val: Val): EnvValue {
  switch (val.kind) {
    case 'str':
      return classifyLiteral(val.text);
    case 'param':
      if (val.info.noEcho === true) return { kind: 'reference', store: 'noecho-parameter', text: val.name };
      if (val.info.noEcho === false) return { kind: 'deploy-time', source: `Ref to parameter ${val.name} without NoEcho`, text: val.name };
      return { kind: 'unresolved', text: val.name };
    case 'resource':
      if (val.type.startsWith('AWS::SecretsManager::')) return { kind: 'reference', store: 'secretsmanager', text: val.name };
      if (val.type === 'AWS::SSM::Parameter') return { kind: 'reference', store: 'ssm', text: val.name };
      return { kind: 'reference', store: 'other', text: val.name };
    case 'unresolved':
      if (val.text && /^\{\{resolve:(secretsmanager|ssm-secure):/.test(val.text)) return { kind: 'reference', store: val.text.includes('ssm-secure') ? 'ssm' : 'secretsmanager', text: val.text };
      return val.text !== undefined ? { kind: 'unresolved', text: val.text } : { kind: 'unresolved' };
    case 'novalue':
      return { kind: 'unresolved' };
  }
}
