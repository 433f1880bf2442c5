import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, dottedName, findProperty, propertyName, rootName, unwrap } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { ignoreTestFilesSchema, isTestFileOf } from '../util/files.js';
import { SecretFlow, flowOptionsSchema, type FlowOptions } from '../util/flow.js';
import { enclosingHandler, isHandler } from '../util/handlers.js';

export type Options = [FlowOptions & { ignoreTestFiles?: boolean; testFilePatterns?: string[] }];
export type MessageIds = 'secretInResponse' | 'secretInError';

/** Names an HTTP response object goes by (Express, Fastify, Node http, Hapi toolkit). */
const RESPONSE_NAME = /^(res|response|resp|reply|rep|h|ctx\.res|context\.res)$/;
const RESPONSE_METHODS = new Set(['send', 'json', 'jsonp', 'end', 'write', 'render', 'response']);
const RESPONSE_CONSTRUCTORS = new Set(['Response', 'NextResponse', 'HttpResponse']);

export default createRule<Options, MessageIds>({
  name: 'no-secret-in-response',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow secret values in HTTP response bodies and in thrown error messages',
      recommended: 'recommended',
    },
    messages: {
      secretInResponse:
        'A secret ({{source}}) is sent to the caller in {{where}}. Return only what the client needs; keep secrets server-side (AWS Secrets Manager, Azure Key Vault, GCP Secret Manager) and never echo them back, not even in debug output.',
      secretInError:
        'A secret ({{source}}) is put into a thrown error: error messages end up in responses, logs and error trackers. Name the failing secret (its id or ARN), not its value.',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: { ...flowOptionsSchema, ...ignoreTestFilesSchema } }],
  },
  defaultOptions: [{ ignoreTestFiles: true }],
  create(context, [options]) {
    if (options.ignoreTestFiles !== false && isTestFileOf(context, options.testFilePatterns)) return {};
    const flow = new SecretFlow(context.sourceCode, options);

    function check(node: TSESTree.Node | null | undefined, where: string, messageId: MessageIds = 'secretInResponse'): void {
      if (!node) return;
      const t = flow.of(node);
      if (t.kind === 'secret') context.report({ node, messageId, data: { source: t.source.replace(/^the whole /, ''), where } });
    }

    /** A response object literal: `{ statusCode, body }`, not a request's options (`{ method, body }`). */
    function checkResponseObject(obj: TSESTree.Node | null | undefined, force: boolean): void {
      const o = obj && unwrap(obj);
      if (!o || o.type !== AST_NODE_TYPES.ObjectExpression) return;
      if (findProperty(o, 'method', 'url', 'uri', 'hostname')) return;
      const body = findProperty(o, 'body', 'jsonBody');
      if (!body) return;
      if (!force && !findProperty(o, 'statusCode', 'status')) return;
      check(body.value, 'the response body');
    }

    return {
      ReturnStatement(node: TSESTree.ReturnStatement) {
        if (!node.argument) return;
        const arg = unwrap(node.argument);
        const handler = enclosingHandler(node);
        if (arg.type === AST_NODE_TYPES.ObjectExpression) {
          checkResponseObject(arg, !!handler);
          return;
        }
        if (handler && handlerOwns(node, handler)) check(arg, "the handler's return value");
      },
      ArrowFunctionExpression(node: TSESTree.ArrowFunctionExpression) {
        if (!node.expression) return;
        const body = unwrap(node.body);
        if (body.type === AST_NODE_TYPES.ObjectExpression) checkResponseObject(body, isHandler(node));
        else if (isHandler(node)) check(body, "the handler's return value");
      },
      ObjectExpression(node: TSESTree.ObjectExpression) {
        // callback(null, { statusCode, body }), context.res = { body }
        const parent = node.parent;
        if (parent?.type === AST_NODE_TYPES.CallExpression && calleeName(parent) === 'callback' && parent.arguments[1] === node) {
          checkResponseObject(node, true);
        }
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && /\.res$/.test(dottedName(parent.left) ?? '')) {
          checkResponseObject(node, true);
        }
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        // Koa: ctx.body = secret
        const target = dottedName(node.left) ?? '';
        if (/^(ctx|context)\.(body|response\.body)$/.test(target)) check(node.right, target);
      },
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const method = propertyName(callee);
          if (method === undefined) return;
          // Response.json(secret), NextResponse.json(secret)
          if (method === 'json' && RESPONSE_CONSTRUCTORS.has(dottedName(callee.object) ?? '')) {
            check(node.arguments[0], `${dottedName(callee.object)}.json`);
            return;
          }
          if (!RESPONSE_METHODS.has(method)) return;
          const root = rootName(callee.object);
          const recv = dottedName(callee.object) ?? '';
          // res.send(x), res.status(200).json(x), reply.code(200).send(x)
          if ((root && RESPONSE_NAME.test(root)) || RESPONSE_NAME.test(recv)) check(node.arguments[0], `${root ?? 'res'}.${method}()`);
        } else if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'callback' && enclosingHandler(node)) {
          // A Lambda callback-style handler's result; library code's `callback(err, creds)` is not a response.
          const result = node.arguments[1];
          if (result && unwrap(result).type !== AST_NODE_TYPES.ObjectExpression) check(result, 'the callback result');
        }
      },
      NewExpression(node: TSESTree.NewExpression) {
        const name = calleeName(node);
        if (name && RESPONSE_CONSTRUCTORS.has(name)) check(node.arguments[0], `new ${name}()`);
      },
      ThrowStatement(node: TSESTree.ThrowStatement) {
        const arg = unwrap(node.argument);
        const args = arg.type === AST_NODE_TYPES.NewExpression || arg.type === AST_NODE_TYPES.CallExpression ? arg.arguments : [arg];
        for (const a of args) if (!isParseErrorAboutToken(a, flow)) check(a, 'an error', 'secretInError');
      },
    };
  },
});

/** The return belongs to the handler itself, not to a callback inside it. */
function handlerOwns(node: TSESTree.Node, handler: TSESTree.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n === handler) return true;
    if (n.type === AST_NODE_TYPES.ArrowFunctionExpression || n.type === AST_NODE_TYPES.FunctionExpression || n.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  }
  return false;
}

/** The wording of a parser's error about what it met: `Unexpected token`, `Expected ')', got`, `Unknown word`. */
const PARSE_ERROR_WORDING = /\b(?:un)?expected\b|\bunknown (?:word|character|token)\b|\bunterminated\b|\bsyntax error\b/i;

/**
 * `throw new Error("Unexpected token " + token)`: a lexer's token, named only `token`, in a
 * message worded like a parse error. (`Invalid token ${token}` is still reported: an auth check
 * that puts the credential in its error is the leak this rule is for.)
 */
function isParseErrorAboutToken(node: TSESTree.Node, flow: SecretFlow): boolean {
  const t = flow.of(node);
  return t.kind === 'secret' && t.source === 'token' && PARSE_ERROR_WORDING.test(literalText(node));
}

/** The literal text of a message built with `+` and templates. */
function literalText(node: TSESTree.Node): string {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Literal) return typeof n.value === 'string' ? n.value : '';
  if (n.type === AST_NODE_TYPES.TemplateLiteral) return n.quasis.map((q) => q.value.cooked ?? '').join(' ');
  if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') return `${literalText(n.left)} ${literalText(n.right)}`;
  return '';
}
