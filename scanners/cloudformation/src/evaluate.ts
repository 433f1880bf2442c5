/**
 * What a reviewer can read out of a CloudFormation value: literals, `Ref` to parameters (with
 * their NoEcho and Default), `Fn::Sub` / `Fn::Join` of known parts, both branches of `Fn::If`.
 * Anything else stays unresolved; it is never guessed into a finding.
 *
 * Each intrinsic is evaluated once per template (memoised by node): a `Fn::Sub` whose variables are
 * `Fn::Sub`s that use them many times, or `Fn::Join`s of joins, would otherwise take exponential
 * time and memory. Every step is charged to the file's `ResolveBudget`; a bound leaves the value
 * unresolved and is reported once, at the intrinsic that hit it.
 */
import { classifyLiteral, positionAt, ResolveBudget, type EnvValue, type LimitReason } from '@leakguard/core';
import { asList, scalarText, type PNode, type Span } from './tree.js';

export interface ParamInfo {
  noEcho: boolean | 'unknown';
  default?: string;
}

export interface EvalContext {
  params: Map<string, ParamInfo>;
  /** Logical id -> resource type. */
  resources: Map<string, string>;
  /** The file's resolution bound (shared by every context of the file). */
  budget: ResolveBudget;
  /** Line starts of the file, to say where a bound was hit. */
  starts?: number[];
  /** Intrinsic node -> its values, evaluated once. */
  memo?: WeakMap<PNode, Evaluated[]>;
}

function limit(node: PNode, ctx: EvalContext, reason: LimitReason): Evaluated[] {
  const { line, column } = ctx.starts ? positionAt(ctx.starts, node.start) : { line: 1, column: 1 };
  ctx.budget.hit(reason, line, column);
  return [{ val: { kind: 'unresolved' }, span: { start: node.start, end: node.end } }];
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
  if (!node) return [];
  const span = { start: node.start, end: node.end };
  if (depth > 16) return limit(node, ctx, 'too deep');
  if (node.kind === 'scalar') {
    return node.value === null ? [] : [{ val: { kind: 'str', text: String(node.value) }, span }];
  }
  if (node.kind !== 'fn') return [{ val: { kind: 'unresolved' }, span }];
  if (!ctx.budget.charge()) return limit(node, ctx, 'too much work');
  const memo = (ctx.memo ??= new WeakMap());
  let values = memo.get(node);
  if (!values) {
    values = intrinsic(node, ctx, depth, span);
    const size = values.reduce((n, e) => n + (e.val.kind === 'str' || e.val.kind === 'unresolved' ? (e.val.text?.length ?? 0) : 0), values.length);
    if (!ctx.budget.fits(size)) values = limit(node, ctx, 'too large');
    else if (!ctx.budget.charge(size >> 6)) values = limit(node, ctx, 'too much work');
    memo.set(node, values);
  }
  return values;
}

function intrinsic(node: Extract<PNode, { kind: 'fn' }>, ctx: EvalContext, depth: number, span: Span): Evaluated[] {
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
      let size = text.length;
      const out = size > ctx.budget.limits.maxValueChars ? '' : text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
        if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
        const local = vars && vars.kind === 'map' ? vars.entries.find((e) => e.key === inner)?.value : undefined;
        const one = local ? evaluate(local, ctx, depth + 1) : [];
        const v = one.length === 1 ? one[0]!.val : undefined;
        // Past the size bound, stop copying: the whole value is reported too large below.
        if (size > ctx.budget.limits.maxValueChars) return '';
        if (v?.kind === 'str') return ((size += v.text.length), v.text);
        const p = !local ? ctx.params.get(inner) : undefined;
        if (p && p.noEcho === false && p.default !== undefined) return ((size += p.default.length), p.default);
        unresolved = true;
        return whole;
      });
      if (!ctx.budget.fits(size)) return limit(node, ctx, 'too large');
      return [{ val: unresolved ? { kind: 'unresolved', text: out } : { kind: 'str', text: out }, span }];
    }
    case 'Fn::Join': {
      const items = node.arg.kind === 'seq' ? node.arg.items : [];
      const delimiter = scalarText(items[0]) ?? '';
      const parts: string[] = [];
      let size = 0;
      for (const part of asList(items[1])) {
        const v = evaluate(part, ctx, depth + 1);
        if (v.length !== 1 || v[0]!.val.kind !== 'str') return [{ val: { kind: 'unresolved' }, span }];
        parts.push(v[0]!.val.text);
        size += v[0]!.val.text.length + delimiter.length;
        if (!ctx.budget.fits(size)) return limit(node, ctx, 'too large');
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
