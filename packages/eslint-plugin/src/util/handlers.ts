/**
 * Serverless and HTTP handlers: the functions that run on every invocation or request.
 * AWS Lambda (`export const handler`, `exports.handler`, middy-wrapped), Azure Functions
 * (`app.http('x', { handler })`, `module.exports = async function (context, req)`), Google Cloud
 * Functions (`functions.http('x', fn)`, `exports.fn = (req, res) => ...`), and Express-style routes.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, isFunction, keyName } from './ast.js';

type Fn = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

const HANDLER_NAME = /handler$|^handle[A-Z]|^main$|^lambda|^run$|^process[A-Z]\w*Event$/i;
const HANDLER_PARAMS = /^(event|evt|req|request|context|ctx|cloudEvent|message)$/;
const REGISTRARS = /^(?:functions\.(?:http|cloudEvent)|app\.(?:http|timer|storageQueue|storageBlob|serviceBusQueue|serviceBusTopic|eventHub|eventGrid|cosmosDB|generic|get|post|put|patch|delete|all|use|route)|router\.(?:get|post|put|patch|delete|all|use)|fastify\.(?:get|post|put|patch|delete|route)|server\.route|app)$/;

function firstParamLooksLikeEvent(fn: Fn): boolean {
  const p = fn.params[0];
  return !!p && p.type === AST_NODE_TYPES.Identifier && HANDLER_PARAMS.test(p.name);
}

/** Is the function, by where it is defined, a handler run on each invocation? */
export function isHandler(fn: Fn): boolean {
  let node: TSESTree.Node = fn;
  let parent = node.parent;
  // Through wrappers: middy(fn), wrap(fn).use(...), Sentry.wrapHandler(fn)
  while (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    const callee = dottedName(parent.callee) ?? '';
    if (REGISTRARS.test(callee)) return true;
    node = parent;
    parent = node.parent;
    while (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
      node = parent.parent;
      parent = node.parent;
    }
  }
  if (!parent) return false;
  // export async function handler() {} / export default function () {}
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && node === fn) {
    if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
    if (parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return HANDLER_NAME.test(fn.id?.name ?? '') || firstParamLooksLikeEvent(fn);
    return false;
  }
  if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  // export const handler = async () => {}
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    const exported = parent.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
    return exported && (HANDLER_NAME.test(parent.id.name) || firstParamLooksLikeEvent(fn));
  }
  // exports.handler = ..., module.exports.handler = ..., module.exports = ...
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
    // Every CommonJS export is not a handler (libraries export parsers, providers...): as for ES exports,
    // the exported name or the function's own name says so, or its first parameter is an event or request.
    const target = dottedName(parent.left) ?? '';
    const exported = target === 'module.exports' ? undefined : /^(?:module\.)?exports\.(\w+)$/.exec(target)?.[1];
    if (target !== 'module.exports' && exported === undefined) return false;
    const ownName = fn.type === AST_NODE_TYPES.ArrowFunctionExpression ? undefined : fn.id?.name;
    return HANDLER_NAME.test(exported ?? '') || HANDLER_NAME.test(ownName ?? '') || firstParamLooksLikeEvent(fn);
  }
  // Azure v4: app.http('name', { handler: async (req, ctx) => {} })
  if (parent.type === AST_NODE_TYPES.Property && keyName(parent) === 'handler' && parent.value === node) {
    const obj = parent.parent;
    const call = obj?.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && REGISTRARS.test(dottedName(call.callee) ?? '');
  }
  // module.exports = { handler: async () => {} }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === node) {
    const obj = parent.parent;
    const assign = obj?.parent;
    return assign?.type === AST_NODE_TYPES.AssignmentExpression && dottedName(assign.left) === 'module.exports' && HANDLER_NAME.test(keyName(parent) ?? '');
  }
  return false;
}

/** The innermost enclosing function, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): Fn | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunction(n)) return n;
  return undefined;
}

/** The nearest enclosing handler (possibly several functions up: callbacks inside a handler run per invocation too). */
export function enclosingHandler(node: TSESTree.Node): Fn | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunction(n) && isHandler(n)) return n;
  return undefined;
}

