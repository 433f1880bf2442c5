import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, unwrap } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { ignoreTestFilesSchema, isTestFileOf } from '../util/files.js';
import { enclosingFunction, enclosingHandler, isHandler } from '../util/handlers.js';
import { secretFetch, type SecretFetch } from '../util/secret-stores.js';

export type Options = [{ ignoreTestFiles?: boolean; testFilePatterns?: string[] }];
export type MessageIds = 'uncachedFetch' | 'uncachedHelper';

type Fn = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

const CACHE_ADVICE =
  'Cache it at module level with a TTL (`let cached; let expires = 0; if (!cached || Date.now() > expires) { cached = await fetch(); expires = Date.now() + 5 * 60_000; }`), or use a caching client: AWS Parameters and Secrets Lambda Extension or Powertools `getSecret` (cached), Azure Key Vault references in app settings, GCP secrets mounted as volumes or a module-level cache.';

/** A store call the rule cares about (Powertools' getSecret caches by itself). */
function uncacheableFetch(call: TSESTree.CallExpression): SecretFetch | undefined {
  // SDK v2 `x.getSecretValue(...).promise()`: the outer call is the one reported.
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === call && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
    if (!parent.computed && parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'promise') return undefined;
  }
  const f = secretFetch(call);
  return f && f.store !== 'powertools-parameters' ? f : undefined;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

export default createRule<Options, MessageIds>({
  name: 'no-uncached-secret-fetch',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow fetching a secret inside a serverless handler on every invocation without a module-level cache',
      recommended: 'recommended',
    },
    messages: {
      uncachedFetch: `{{label}} runs on every invocation of this handler, with no module-level cache: it adds latency and cost and can be throttled. ${CACHE_ADVICE}`,
      uncachedHelper: `"{{name}}" fetches a secret ({{label}}) with no cache and runs on every invocation of this handler. ${CACHE_ADVICE}`,
    },
    schema: [{ type: 'object', additionalProperties: false, properties: { ...ignoreTestFilesSchema } }],
  },
  defaultOptions: [{ ignoreTestFiles: true }],
  create(context, [options]) {
    if (options.ignoreTestFiles !== false && isTestFileOf(context, options.testFilePatterns)) return {};
    const sourceCode = context.sourceCode;

    /** A variable declared outside `fn` (module level, or an enclosing scope that outlives the call). */
    function isOuter(id: TSESTree.Identifier | TSESTree.ThisExpression, fn: Fn): boolean {
      if (id.type === AST_NODE_TYPES.ThisExpression) return true; // this.cache in a class that outlives the call
      const v = ASTUtils.findVariable(sourceCode.getScope(id), id);
      if (!v) return false;
      const block = v.scope.block;
      return block !== fn && !contains(fn, block);
    }

    function rootNode(node: TSESTree.Node): TSESTree.Identifier | TSESTree.ThisExpression | undefined {
      let n = unwrap(node);
      while (n.type === AST_NODE_TYPES.MemberExpression || n.type === AST_NODE_TYPES.CallExpression) {
        n = unwrap(n.type === AST_NODE_TYPES.MemberExpression ? n.object : n.callee);
      }
      return n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.ThisExpression ? n : undefined;
    }

    function mentionsOuter(node: TSESTree.Node, fn: Fn): boolean {
      let found = false;
      const visit = (n: TSESTree.Node): void => {
        if (found) return;
        if (n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.ThisExpression) {
          const parent = n.parent;
          const isProp = parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === n && !parent.computed;
          if (!isProp && isOuter(n, fn)) found = true;
          return;
        }
        for (const key of Object.keys(n) as (keyof TSESTree.Node)[]) {
          if (key === 'parent') continue;
          const v = n[key] as unknown;
          if (Array.isArray(v)) v.forEach((c) => c && typeof c === 'object' && 'type' in c && visit(c as TSESTree.Node));
          else if (v && typeof v === 'object' && 'type' in v) visit(v as TSESTree.Node);
        }
      };
      visit(node);
      return found;
    }

    /**
     * The check-then-store pattern anywhere in `fn`: an outer variable that is both written
     * (`cached = {...}`) and tested (`if (cached && cached.expires > Date.now()) return ...`).
     */
    function checksAndStoresOuterState(fn: Fn): boolean {
      const written = new Set<unknown>();
      const tested = new Set<unknown>();
      const outerVar = (n: TSESTree.Node) => {
        const root = rootNode(n);
        if (!root || root.type !== AST_NODE_TYPES.Identifier) return undefined;
        const v = ASTUtils.findVariable(sourceCode.getScope(root), root);
        return v && v.scope.block !== fn && !contains(fn, v.scope.block) ? v : undefined;
      };
      const collectTested = (n: TSESTree.Node): void => {
        if (n.type === AST_NODE_TYPES.Identifier) {
          const v = outerVar(n);
          if (v) tested.add(v);
          return;
        }
        for (const key of Object.keys(n) as (keyof TSESTree.Node)[]) {
          if (key === 'parent') continue;
          const c = n[key] as unknown;
          if (Array.isArray(c)) c.forEach((x) => x && typeof x === 'object' && 'type' in x && collectTested(x as TSESTree.Node));
          else if (c && typeof c === 'object' && 'type' in c) collectTested(c as TSESTree.Node);
        }
      };
      const visit = (n: TSESTree.Node): void => {
        if (n.type === AST_NODE_TYPES.AssignmentExpression) {
          const v = outerVar(n.left);
          if (v) written.add(v);
        }
        if (n.type === AST_NODE_TYPES.IfStatement || n.type === AST_NODE_TYPES.ConditionalExpression) collectTested(n.test);
        if (n.type === AST_NODE_TYPES.LogicalExpression) collectTested(n.left);
        for (const key of Object.keys(n) as (keyof TSESTree.Node)[]) {
          if (key === 'parent') continue;
          const c = n[key] as unknown;
          if (Array.isArray(c)) c.forEach((x) => x && typeof x === 'object' && 'type' in x && visit(x as TSESTree.Node));
          else if (c && typeof c === 'object' && 'type' in c) visit(c as TSESTree.Node);
        }
      };
      visit(fn.body);
      for (const v of written) if (tested.has(v)) return true;
      return false;
    }

    /** Is the value stored outside `fn`, or the call guarded by a test of outer state? */
    function isCached(call: TSESTree.Node, fn: Fn): boolean {
      for (let n: TSESTree.Node | undefined = call.parent; n; n = n.parent) {
        if (isFunction(n) && checksAndStoresOuterState(n)) return true;
        if (n === fn) break;
      }
      let child: TSESTree.Node = call;
      for (let n = call.parent; n && n !== fn; child = n, n = n.parent) {
        switch (n.type) {
          case AST_NODE_TYPES.AssignmentExpression: {
            // cached ??= await fetch(): stored outside, fetched only when empty. A plain `=` to outer
            // state is a cache only when that state is also checked (checksAndStoresOuterState).
            const root = rootNode(n.left);
            if (n.operator !== '=' && root && isOuter(root, fn)) return true;
            break;
          }
          case AST_NODE_TYPES.IfStatement:
            if (child !== n.test && mentionsOuter(n.test, fn)) return true;
            break;
          case AST_NODE_TYPES.ConditionalExpression:
            if (child !== n.test && mentionsOuter(n.test, fn)) return true;
            break;
          case AST_NODE_TYPES.LogicalExpression:
            // cached ?? (cached = await fetch()), cached || fetch()
            if (child === n.right && mentionsOuter(n.left, fn)) return true;
            break;
          default:
            break;
        }
      }
      return false;
    }

    // Module-level helpers with an uncached fetch, and calls to local functions from handlers.
    const helpers = new Map<TSESTree.Node, SecretFetch>();
    const callsFromHandlers: { call: TSESTree.CallExpression; id: TSESTree.Identifier; handler: Fn }[] = [];

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const fetch = uncacheableFetch(node);
        if (fetch) {
          const fn = enclosingFunction(node);
          if (!fn) return; // module level: fetched once per container
          const handler = enclosingHandler(node);
          if (handler) {
            if (!isCached(node, handler)) context.report({ node, messageId: 'uncachedFetch', data: { label: fetch.label } });
          } else if (!isCached(node, fn)) {
            helpers.set(fn, fetch);
          }
          return;
        }
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier) {
          const handler = enclosingHandler(node);
          if (handler) callsFromHandlers.push({ call: node, id: callee, handler });
        }
      },
      'Program:exit'() {
        for (const { call, id, handler } of callsFromHandlers) {
          const v = ASTUtils.findVariable(sourceCode.getScope(id), id);
          const def = v?.defs[0];
          if (!def) continue;
          let fn: TSESTree.Node | undefined;
          if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) fn = def.node;
          else if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && isFunction(unwrap(def.node.init))) fn = unwrap(def.node.init);
          const fetch = fn && helpers.get(fn);
          if (!fetch || (isFunction(fn!) && isHandler(fn))) continue;
          if (!isCached(call, handler)) context.report({ node: call, messageId: 'uncachedHelper', data: { name: id.name, label: fetch.label } });
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});

