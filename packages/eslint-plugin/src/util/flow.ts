/**
 * Where a secret value goes inside one file. `SecretFlow.of(expr)` tells whether an expression
 * carries a secret, following it through variables (with the scope manager: declarations,
 * destructuring, later assignments), properties, template literals, concatenation,
 * `JSON.stringify`, spread, `await`, and the returns of functions declared in the file.
 *
 * Sources: secret-store fetches (secret-stores.ts), `process.env.<SECRET_NAME>` and the whole
 * `process.env`, secret-named variables, parameters and properties (`event.headers.authorization`).
 * A length, a boolean, a comparison, or a masked / hashed / redacted value is clean.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { SECRET_WORDS, isReferenceName, isSecretLikeName, nameWords } from '@leakguard/core';
import { calleeName, dottedName, keyName, propertyName, staticString, unwrap } from './ast.js';
import { secretFetch } from './secret-stores.js';

type Node = TSESTree.Node;

export type Taint =
  | { kind: 'secret'; source: string }
  | { kind: 'clean' }
  | { kind: 'unknown' };

const CLEAN: Taint = { kind: 'clean' };
const UNKNOWN: Taint = { kind: 'unknown' };
const secret = (source: string): Taint => ({ kind: 'secret', source });

export interface FlowOptions {
  /** Extra words that make a name secret-like. */
  extraSecretWords?: string[];
  /** Extra reference suffixes (`_VAULT_REF`), as written; split into words. */
  referenceSuffixes?: string[];
  /** Names of functions that mask a value (added to the built-in mask/redact/hash names). */
  maskFunctions?: string[];
}

/** Properties of a secret-store result or a secret that are not the secret. */
const SAFE_PROPERTIES = new Set([
  'length', 'size', 'byteLength', 'Name', 'name', 'ARN', 'Arn', 'arn', 'VersionId', 'versionId', 'VersionStages',
  'CreatedDate', 'createdOn', 'updatedOn', 'expiresOn', '$metadata', 'KeyId', 'EncryptionAlgorithm', 'id', 'version',
  'contentType', 'enabled', 'properties', 'state', 'Type', 'LastModifiedDate', 'DataType', 'Selector', 'SourceResult',
  'InvalidParameters', 'Errors', 'then', 'catch',
  // when a token expires is not the token (azure-identity logs `token.accessToken.expiresOnTimestamp`)
  'expiresOnTimestamp', 'refreshAfterTimestamp', 'expiresAt', 'expiresIn', 'expires_in', 'expiration', 'tokenType', 'token_type',
]);
/** What lexers and parsers read from their tokens. */
const SYNTAX_TOKEN_PROPERTIES = new Set([
  'type', 'kind', 'offset', 'start', 'end', 'range', 'loc', 'line', 'column', 'pos', 'source', 'indent', 'tokenType', 'lineNumber',
]);
const SECRET_WORDS_SET = new Set(SECRET_WORDS);
/** Methods of a string/Buffer that keep the secret in the result. */
const PRESERVING_METHODS = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toUpperCase', 'toLowerCase', 'normalize', 'split', 'join', 'valueOf',
  'padStart', 'padEnd', 'toJSON', 'concat', 'at', 'repeat', 'toLocaleString', 'flat', 'map', 'promise',
]);
/** Methods whose result says something about the secret without holding it. */
const CLEAN_METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'has', 'test', 'indexOf', 'lastIndexOf', 'localeCompare', 'equals', 'compare',
  'slice', 'substring', 'substr', 'replace', 'replaceAll', 'charAt', 'charCodeAt', 'codePointAt', 'search', 'every', 'some',
  'findIndex', 'isEmpty', 'verify', 'timingSafeEqual',
]);
/** Global functions that pass their argument's secret through. */
const PRESERVING_FUNCTIONS = new Set([
  'JSON.stringify', 'JSON.parse', 'String', 'Buffer.from', 'encodeURIComponent', 'encodeURI', 'btoa', 'atob', 'Object.assign',
  'Object.values', 'Object.entries', 'Object.fromEntries', 'structuredClone', 'util.format', 'util.inspect', 'format',
  'inspect', 'Array.from', 'Promise.resolve', 'TextDecoder.decode', 'Buffer.concat',
]);
const CLEAN_FUNCTIONS = new Set(['Boolean', 'Number', 'isNaN', 'parseInt', 'parseFloat', 'Object.keys', 'typeof', 'Array.isArray']);
const MASK_NAME = /mask|redact|hash|obfuscat|sanitiz|censor|anonymi|truncat|fingerprint|digest|encrypt|scrub|hide|elide|preview|last4|sha\d*|hmac/i;
/** String literals that are already redacted. */
const REDACTED_LITERAL = /^\s*$|\*{3,}|redact|masked|hidden|removed|x{4,}|•{3,}|^<[^>]*>$|^\[[^\]]*\]$/i;

/** Last words of an enum-like object whose CONSTANT members name a kind of secret, not a value. */
const ENUM_OBJECT_WORDS = new Set(['mode', 'modes', 'type', 'types', 'kind', 'kinds', 'message', 'messages', 'error', 'errors', 'code', 'codes', 'status', 'enum']);

/** `MutualAuthenticationMode.PASS_THROUGH`, `ClientPasswordAuthType.MYSQL_NATIVE_PASSWORD`, `StorageExceptionMessages.HMAC_SERVICE_ACCOUNT`. */
function isEnumMember(node: TSESTree.MemberExpression, prop: string): boolean {
  if (!/^[A-Z][A-Z0-9_]*$/.test(prop)) return false;
  const obj = unwrap(node.object);
  const objName = obj.type === AST_NODE_TYPES.Identifier ? obj.name : obj.type === AST_NODE_TYPES.MemberExpression ? propertyName(obj) : undefined;
  if (!objName || !/^[A-Z]/.test(objName)) return false;
  const words = nameWords(objName);
  return ENUM_OBJECT_WORDS.has(words[words.length - 1] ?? '');
}

interface SecretLikeProperty {
  secretLike(name: string): boolean;
  reference(name: string): boolean;
}

/**
 * How deep one evaluation may recurse before it is resumed from the node it reached: chains of
 * thousands of variables are followed without growing the stack past this (a RangeError would
 * abort the whole ESLint run).
 */
const MAX_DEPTH = 200;
/** Resumptions one top-level question may take (so chains of up to ~MAX_DEPTH × this links), and a whole file. */
const MAX_RESUMES = 64;
const MAX_RESUMES_PER_FILE = 2048;

/** Thrown at MAX_DEPTH; `of` evaluates `node` first, from depth 0, then retries. */
class DepthExceeded {
  constructor(readonly node: Node) {}
}

export class SecretFlow {
  private readonly cache = new WeakMap<Node, Taint>();
  /** Per variable and per local function: their answer does not depend on where they are used. */
  private readonly variables = new WeakMap<object, Taint>();
  private readonly functions = new WeakMap<object, Taint>();
  private readonly inProgress = new Set<unknown>();
  private depth = 0;
  private resumesLeft = MAX_RESUMES_PER_FILE;
  private readonly names: SecretLikeProperty;
  private readonly maskNames: Set<string>;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    options: FlowOptions = {},
  ) {
    const suffixes = (options.referenceSuffixes ?? []).map((s) => nameWords(s));
    const extraWords = (options.extraSecretWords ?? []).map((w) => w.toLowerCase());
    this.names = {
      secretLike: (n) => isSecretLikeName(n, { extraWords, referenceSuffixes: suffixes }),
      reference: (n) => isReferenceName(n, suffixes),
    };
    this.maskNames = new Set(options.maskFunctions ?? []);
  }

  /**
   * The secret an expression carries, or clean / unknown. Asked from outside (depth 0), a deep
   * evaluation that reaches MAX_DEPTH unwinds (caching nothing it had not finished), evaluates the
   * node it reached first and retries: bottom-up, each link of a long chain is evaluated once.
   */
  of(node: Node): Taint {
    if (this.depth > 0) return this.step(node);
    const pending: Node[] = [node];
    let resumes = MAX_RESUMES;
    for (;;) {
      try {
        const t = this.step(pending[pending.length - 1]!);
        pending.pop();
        if (pending.length === 0) return t;
      } catch (error) {
        if (!(error instanceof DepthExceeded)) throw error;
        // A ring of thousands of variables, or a chain beyond the budget: not followed further.
        if (resumes-- <= 0 || this.resumesLeft-- <= 0) return UNKNOWN;
        pending.push(error.node);
      }
    }
  }

  private step(node: Node): Taint {
    const hit = this.cache.get(node);
    if (hit) return hit;
    if (this.inProgress.has(node)) return UNKNOWN;
    if (this.depth >= MAX_DEPTH) throw new DepthExceeded(node);
    this.inProgress.add(node);
    this.depth++;
    let t: Taint;
    try {
      t = this.eval(node);
    } finally {
      this.depth--;
      this.inProgress.delete(node);
    }
    this.cache.set(node, t);
    return t;
  }

  /** True when the whole `process.env` (or `import.meta.env`, `Bun.env`) reaches the expression. */
  isSecret(node: Node): boolean {
    return this.of(node).kind === 'secret';
  }

  private byName(name: string, describe: string): Taint {
    if (this.names.secretLike(name)) return secret(describe);
    return UNKNOWN;
  }

  private combine(nodes: readonly (Node | null | undefined)[]): Taint {
    let allClean = true;
    for (const n of nodes) {
      if (!n) continue;
      const t = this.of(n);
      if (t.kind === 'secret') return t;
      if (t.kind === 'unknown') allClean = false;
    }
    return allClean ? CLEAN : UNKNOWN;
  }

  private isMask(name: string | undefined): boolean {
    return !!name && (MASK_NAME.test(name) || this.maskNames.has(name));
  }

  private eval(node: Node): Taint {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        if (typeof node.value === 'string') return REDACTED_LITERAL.test(node.value) ? CLEAN : UNKNOWN;
        return CLEAN;
      case AST_NODE_TYPES.TemplateLiteral:
        return this.combine(node.expressions);
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return this.isMask(dottedName(node.tag)) ? CLEAN : this.combine(node.quasi.expressions);
      case AST_NODE_TYPES.Identifier:
        return this.identifier(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.member(node);
      case AST_NODE_TYPES.CallExpression:
        return this.call(node);
      case AST_NODE_TYPES.NewExpression: {
        const name = calleeName(node);
        if (this.isMask(name)) return CLEAN;
        return name === 'Error' || /Error$/.test(name ?? '') || name === 'URL' || name === 'String'
          ? this.combine(node.arguments)
          : UNKNOWN;
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.of(node.argument);
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator === '+' ? this.combine([node.left, node.right]) : CLEAN;
      case AST_NODE_TYPES.LogicalExpression:
        return this.combine([node.left, node.right]);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.combine([node.consequent, node.alternate]);
      case AST_NODE_TYPES.UnaryExpression:
        return CLEAN;
      case AST_NODE_TYPES.ObjectExpression:
        return this.object(node);
      case AST_NODE_TYPES.ArrayExpression:
        return this.combine(node.elements);
      case AST_NODE_TYPES.SpreadElement:
        return this.of(node.argument);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.of(node.right);
      case AST_NODE_TYPES.SequenceExpression:
        return this.of(node.expressions[node.expressions.length - 1]!);
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.ChainExpression:
        return this.of(node.expression);
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
        return CLEAN;
      default:
        return UNKNOWN;
    }
  }

  private object(node: TSESTree.ObjectExpression): Taint {
    let allClean = true;
    for (const p of node.properties) {
      if (p.type === AST_NODE_TYPES.SpreadElement) {
        const t = this.of(p.argument);
        if (t.kind === 'secret') return t;
        if (t.kind === 'unknown') allClean = false;
        continue;
      }
      const value = p.value;
      if (value.type === AST_NODE_TYPES.AssignmentPattern || !('type' in value)) continue;
      const t = this.of(value);
      if (t.kind === 'secret') return t;
      if (t.kind === 'unknown') {
        const key = keyName(p);
        // `{ password: req.body.pw }`: a secret-named key over a value of unknown kind.
        if (key !== undefined && p.value.type !== AST_NODE_TYPES.Identifier && this.names.secretLike(key)) return secret(`property "${key}"`);
        allClean = false;
      }
    }
    return allClean ? CLEAN : UNKNOWN;
  }

  private envRoot(node: Node): string | undefined {
    const name = dottedName(node);
    return name === 'process.env' || name === 'import.meta.env' || name === 'Bun.env' ? name : undefined;
  }

  private member(node: TSESTree.MemberExpression): Taint {
    const prop = propertyName(node);
    const env = this.envRoot(node.object);
    if (env) {
      if (prop === undefined) return UNKNOWN;
      return this.names.secretLike(prop) ? secret(`${env}.${prop}`) : CLEAN;
    }
    if (this.envRoot(node)) return secret(`the whole ${dottedName(node)}`);
    if (prop === 'length' || prop === 'size' || prop === 'byteLength') return CLEAN;
    const obj = this.of(node.object);
    // A property whose name refers to something (`oAuth.defaultRedirectUri`, `authResult.authorizationType`,
    // `secret.arn`) is not the secret, even on a secret-like object.
    if (obj.kind === 'secret') return prop !== undefined && (SAFE_PROPERTIES.has(prop) || this.names.reference(prop)) ? CLEAN : obj;
    if (prop === undefined) return UNKNOWN;
    if (this.names.reference(prop)) return CLEAN;
    if (isEnumMember(node, prop)) return CLEAN;
    const where = dottedName(node) ?? `.${prop}`;
    return this.byName(prop, where);
  }

  private call(node: TSESTree.CallExpression): Taint {
    const fetch = secretFetch(node);
    if (fetch) return secret(`the ${fetch.label} result`);
    const full = dottedName(node.callee);
    const name = calleeName(node);
    if (this.isMask(name)) return CLEAN;
    if (full !== undefined && PRESERVING_FUNCTIONS.has(full)) return this.combine(node.arguments.slice(0, 1));
    if (full !== undefined && CLEAN_FUNCTIONS.has(full)) return CLEAN;
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && name !== undefined) {
      if (CLEAN_METHODS.has(name)) return CLEAN;
      if (PRESERVING_METHODS.has(name)) {
        const recv = this.of(callee.object);
        if (recv.kind === 'secret' || name !== 'concat') return recv;
        return this.combine(node.arguments);
      }
      if (name === 'get' || name === 'getItem') {
        // headers.get('authorization'), req.get('x-api-key'), map.get('password')
        const key = staticString(node.arguments[0]);
        if (key !== undefined) return this.byName(key, `${dottedName(callee.object) ?? ''}.get('${key}')`);
      }
    }
    // A function declared in this file: what its returns carry.
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const fn = this.localFunction(callee);
      if (fn) {
        const t = this.returns(fn);
        if (t.kind !== 'unknown') return t;
      }
    }
    // `getDbPassword()`, `loadApiKey()`: a getter named after a secret.
    if (name !== undefined && /^(get|fetch|load|read|retrieve|resolve)[A-Z_]/.test(name)) {
      const rest = name.replace(/^(get|fetch|load|read|retrieve|resolve)_?/, '');
      if (this.names.secretLike(rest)) return secret(`${name}()`);
    }
    return UNKNOWN;
  }

  private localFunction(id: TSESTree.Identifier): TSESTree.FunctionLike | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(id), id);
    const def = variable?.defs[0];
    if (!def) return undefined;
    if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
    if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
      const init = unwrap(def.node.init);
      if (init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression) return init;
    }
    return undefined;
  }

  /** What the returns of a function carry (a secret if any return does). */
  private returns(fn: TSESTree.FunctionLike): Taint {
    const known = this.functions.get(fn);
    if (known) return known;
    if (this.inProgress.has(fn)) return UNKNOWN;
    const t = this.returnsOnce(fn);
    this.functions.set(fn, t);
    return t;
  }

  private returnsOnce(fn: TSESTree.FunctionLike): Taint {
    if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.expression) return this.of(fn.body);
    const body = fn.body;
    if (!body || body.type !== AST_NODE_TYPES.BlockStatement) return UNKNOWN;
    this.inProgress.add(fn);
    try {
      const found: Node[] = [];
      collectReturns(body, found);
      return found.length ? this.combine(found) : UNKNOWN;
    } finally {
      this.inProgress.delete(fn);
    }
  }

  private identifier(node: TSESTree.Identifier): Taint {
    if (node.name === 'undefined') return CLEAN;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable || variable.defs.length === 0) return this.byName(node.name, node.name);
    const known = this.variables.get(variable);
    if (known) return known;
    if (this.inProgress.has(variable)) return UNKNOWN;
    const t = this.variable(variable, node.name);
    this.variables.set(variable, t);
    return t;
  }

  private variable(variable: TSESLint.Scope.Variable, name: string): Taint {
    this.inProgress.add(variable);
    try {
      let allClean = true;
      let sawValue = false;
      for (const def of variable.defs) {
        let t: Taint = UNKNOWN;
        if (def.type === 'FunctionName' || def.type === 'ClassName' || def.type === 'TSEnumName' || def.type === 'Type') {
          t = CLEAN;
        } else if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
          t = this.through(def.node.id, def.name, def.node.init);
          sawValue = true;
        } else if (def.type === 'Parameter') {
          // fetchSecret().then((r) => ...): the callback's first parameter is the promise's value.
          const fn = def.node;
          const call = fn.parent;
          const first = 'params' in fn ? fn.params[0] : undefined;
          if (
            first &&
            call?.type === AST_NODE_TYPES.CallExpression &&
            call.arguments[0] === fn &&
            call.callee.type === AST_NODE_TYPES.MemberExpression &&
            propertyName(call.callee) === 'then'
          ) {
            const p = patternPath(first, def.name);
            if (p) {
              t = this.through(first, def.name, call.callee.object);
              if (t.kind !== 'unknown') sawValue = true;
            }
          }
        }
        if (t.kind === 'secret') return t;
        if (t.kind === 'unknown') allClean = false;
      }
      // Later assignments: `let s; s = await fetchSecret()`.
      for (const ref of variable.references) {
        if (!ref.writeExpr || ref.init) continue;
        sawValue = true;
        const parent = ref.identifier.parent;
        const t =
          parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref.identifier
            ? this.of(parent.operator === '=' || parent.operator === '??=' || parent.operator === '||=' ? ref.writeExpr : parent)
            : this.of(ref.writeExpr);
        if (t.kind === 'secret') return t;
        if (t.kind === 'unknown') allClean = false;
      }
      if (sawValue && allClean) return CLEAN;
      if (this.isSyntaxToken(variable)) return CLEAN;
      return this.byName(name, name);
    } finally {
      this.inProgress.delete(variable);
    }
  }

  /**
   * `token` in a lexer or parser is a syntax token, not a credential: a name-only `token` whose
   * uses read `.type`, `.kind`, `.offset`... or an element by number (`token[0] === 'word'`, a
   * tokenizer's tuple) is one. (A credential is a string; an OAuth token response is read for
   * `.access_token`, which does not count.)
   */
  private isSyntaxToken(variable: TSESLint.Scope.Variable): boolean {
    const words = nameWords(variable.name);
    if (!words.includes('token') || words.some((w) => w !== 'token' && SECRET_WORDS_SET.has(w))) return false;
    return variable.references.some((ref) => {
      const parent = ref.identifier.parent;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== ref.identifier) return false;
      if (parent.computed) return parent.property.type === AST_NODE_TYPES.Literal && typeof parent.property.value === 'number';
      const prop = propertyName(parent);
      return prop !== undefined && SYNTAX_TOKEN_PROPERTIES.has(prop);
    });
  }

  /**
   * The taint of `target` inside a pattern `pattern = init`: `const { a: { b } } = init` gives the
   * taint of `init.a.b`.
   */
  private through(pattern: Node, target: Node, init: Node): Taint {
    const path = patternPath(pattern, target);
    if (!path) return UNKNOWN;
    const env = this.envRoot(init);
    if (env) {
      // `const { API_KEY } = process.env`: the variable's own name decides; `const { ...rest } = process.env` is the whole env.
      const first = path[0];
      if (first === undefined || first === '...') return secret(`the whole ${env}`);
      if (first === '[]') return UNKNOWN;
      const t = this.names.secretLike(first) ? secret(`${env}.${first}`) : CLEAN;
      return path.length > 1 && t.kind === 'clean' ? UNKNOWN : t;
    }
    let t = this.of(init);
    let where = dottedName(init) ?? 'value';
    for (const step of path) {
      if (step === '[]' || step === '...') {
        continue; // array elements and rests keep the container's taint
      }
      if (t.kind === 'secret') {
        if (SAFE_PROPERTIES.has(step)) t = CLEAN;
        continue;
      }
      where = `${where}.${step}`;
      t = this.names.reference(step) ? CLEAN : step === 'length' ? CLEAN : this.byName(step, where);
    }
    return t;
  }
}

function collectReturns(node: Node, out: Node[]): void {
  if (node.type === AST_NODE_TYPES.ReturnStatement) {
    if (node.argument) out.push(node.argument);
    return;
  }
  if (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  ) {
    return;
  }
  for (const key of Object.keys(node) as (keyof Node)[]) {
    if (key === 'parent') continue;
    const v = node[key] as unknown;
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === 'object' && 'type' in c) collectReturns(c as Node, out);
    } else if (v && typeof v === 'object' && 'type' in v) {
      collectReturns(v as Node, out);
    }
  }
}

/** Steps from a pattern's root to one of its identifiers: property names, `[]` for array elements, `...` for rests. */
export function patternPath(pattern: Node, target: Node): string[] | undefined {
  if (pattern === target) return [];
  switch (pattern.type) {
    case AST_NODE_TYPES.ObjectPattern:
      for (const p of pattern.properties) {
        if (p.type === AST_NODE_TYPES.RestElement) {
          const sub = patternPath(p.argument, target);
          if (sub) return ['...', ...sub];
          continue;
        }
        const sub = patternPath(p.value, target);
        if (sub) {
          const key = keyName(p);
          return key === undefined ? undefined : [key, ...sub];
        }
      }
      return undefined;
    case AST_NODE_TYPES.ArrayPattern:
      for (const e of pattern.elements) {
        if (!e) continue;
        const sub = patternPath(e, target);
        if (sub) return ['[]', ...sub];
      }
      return undefined;
    case AST_NODE_TYPES.AssignmentPattern:
      return patternPath(pattern.left, target);
    case AST_NODE_TYPES.RestElement:
      return patternPath(pattern.argument, target);
    default:
      return undefined;
  }
}

export const flowOptionsSchema = {
  extraSecretWords: { type: 'array', items: { type: 'string' }, description: 'More words that make a name secret-like.' },
  referenceSuffixes: {
    type: 'array',
    items: { type: 'string' },
    description: 'More name suffixes that mark a reference to a secret (`_VAULT_REF`), not a secret.',
  },
  maskFunctions: { type: 'array', items: { type: 'string' }, description: 'Names of your functions that mask a value.' },
} as const;

