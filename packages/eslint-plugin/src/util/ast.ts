import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

/** Strips TypeScript-only wrappers and optional chains: `x as T`, `x!`, `x?.y`, `<T>x`, `x satisfies T`. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        n = n.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        n = n.expression;
        break;
      default:
        return n;
    }
  }
}

/** The static name of a member's property: `a.b` and `a['b']` give `b`; `a[x]` gives undefined. */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  if (node.computed) return staticString(node.property);
  if (node.property.type === AST_NODE_TYPES.PrivateIdentifier) return node.property.name;
  return undefined;
}

/** The key of an object property when it is static. */
export function keyName(node: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  if (!node.computed && node.key.type === AST_NODE_TYPES.Identifier) return node.key.name;
  return staticString(node.key);
}

/** A string known without running the code: `'x'`, `` `x` ``. */
export function staticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Literal && typeof n.value === 'string') return n.value;
  if (n.type === AST_NODE_TYPES.TemplateLiteral && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** `process.env.X` -> `process.env.X`; `this.logger.info` -> `this.logger.info`; `a().b` -> `a().b`. */
export function dottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  switch (n.type) {
    case AST_NODE_TYPES.Identifier:
      return n.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.Super:
      return 'super';
    case AST_NODE_TYPES.MetaProperty:
      return `${n.meta.name}.${n.property.name}`;
    case AST_NODE_TYPES.MemberExpression: {
      const obj = dottedName(n.object);
      const prop = propertyName(n);
      return obj !== undefined && prop !== undefined ? `${obj}.${prop}` : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = dottedName(n.callee);
      return callee !== undefined ? `${callee}()` : undefined;
    }
    case AST_NODE_TYPES.AwaitExpression:
      return dottedName(n.argument);
    default:
      return undefined;
  }
}

/** The last name of a callee: `a.b.c()` -> `c`, `f()` -> `f`, `new X.Y()` -> `Y`. */
export function calleeName(node: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const c = unwrap(node.callee);
  if (c.type === AST_NODE_TYPES.Identifier) return c.name;
  if (c.type === AST_NODE_TYPES.MemberExpression) return propertyName(c);
  return undefined;
}

/** The property of an object literal with a static key. */
export function findProperty(obj: TSESTree.ObjectExpression, ...names: string[]): TSESTree.Property | undefined {
  for (const p of obj.properties) {
    if (p.type === AST_NODE_TYPES.Property) {
      const k = keyName(p);
      if (k !== undefined && names.includes(k)) return p;
    }
  }
  return undefined;
}

/** The name of the root identifier of `a.b.c` (`a`), `a().b` (`a`), `this.x` (`this`). */
export function rootName(node: Node): string | undefined {
  let n = unwrap(node);
  for (;;) {
    if (n.type === AST_NODE_TYPES.MemberExpression) n = unwrap(n.object);
    else if (n.type === AST_NODE_TYPES.CallExpression) n = unwrap(n.callee);
    else break;
  }
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.ThisExpression) return 'this';
  return undefined;
}

export function isFunction(node: Node): node is TSESTree.FunctionLike & (TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression) {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}
