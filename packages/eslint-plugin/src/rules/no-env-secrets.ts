import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import { isPlaceholder, isSecretLikeName, nameWords } from '@leakguard/core';
import { dottedName, keyName, propertyName, staticString, unwrap } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { ignoreTestFilesSchema, isTestFileOf } from '../util/files.js';
import { isDecryptedCiphertext } from '../util/kms-ciphertext.js';
import { flowOptionsSchema } from '../util/flow.js';
import { CLOUD_ADVICE } from '../util/secret-stores.js';

export type Options = [
  {
    /** Names never reported (exact, case-sensitive). */
    allow?: string[];
    /** More suffixes that mark a reference (`_VAULT_REF`). */
    referenceSuffixes?: string[];
    /** More words that make a name secret-like. */
    extraSecretWords?: string[];
    ignoreTestFiles?: boolean;
    testFilePatterns?: string[];
  },
];
export type MessageIds = 'secretFromEnv' | 'secretWrittenToEnv';

const ENV_OBJECTS = new Set(['process.env', 'import.meta.env', 'Bun.env', 'Netlify.env']);

export default createRule<Options, MessageIds>({
  name: 'no-env-secrets',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading secret values from environment variables; keep a reference there and fetch at run time',
      recommended: 'recommended',
    },
    messages: {
      secretFromEnv: `The secret "{{name}}" is read from a plaintext environment variable (visible in the function configuration, the console and deployment templates). ${CLOUD_ADVICE.env}`,
      secretWrittenToEnv:
        'A literal secret is written into the environment variable "{{name}}": it lives in the code and in every child process. Fetch it from a secret store (AWS Secrets Manager / SSM SecureString, Azure Key Vault, GCP Secret Manager) where it is used.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: { type: 'array', items: { type: 'string' }, description: 'Variable names never reported.' },
          referenceSuffixes: flowOptionsSchema.referenceSuffixes,
          extraSecretWords: flowOptionsSchema.extraSecretWords,
          ...ignoreTestFilesSchema,
        },
      },
    ],
  },
  defaultOptions: [{ ignoreTestFiles: true }],
  create(context, [options]) {
    if (options.ignoreTestFiles !== false && isTestFileOf(context, options.testFilePatterns)) return {};
    const allow = new Set(options.allow ?? []);
    const referenceSuffixes = (options.referenceSuffixes ?? []).map((s) => nameWords(s));
    const extraWords = (options.extraSecretWords ?? []).map((w) => w.toLowerCase());
    const secretLike = (name: string) => !allow.has(name) && isSecretLikeName(name, { extraWords, referenceSuffixes });

    /** `process.env`, or a `const` alias of it: `const env = process.env`, `const { env } = process`. */
    const isEnvObject = (node: TSESTree.Node): boolean => {
      const n = unwrap(node);
      if (ENV_OBJECTS.has(dottedName(n) ?? '')) return true;
      if (n.type !== AST_NODE_TYPES.Identifier) return false;
      const v = ASTUtils.findVariable(context.sourceCode.getScope(n), n);
      const def = v?.defs.length === 1 ? v.defs[0] : undefined;
      if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
      const decl = def.node.parent;
      if (decl?.type !== AST_NODE_TYPES.VariableDeclaration || decl.kind !== 'const') return false;
      const init = dottedName(def.node.init);
      if (def.node.id === def.name) return ENV_OBJECTS.has(init ?? '');
      // const { env } = process
      return (
        def.node.id.type === AST_NODE_TYPES.ObjectPattern &&
        (init === 'process' || init === 'Bun') &&
        def.node.id.properties.some((p) => p.type === AST_NODE_TYPES.Property && keyName(p) === 'env' && p.value === def.name)
      );
    };

    function readNamed(node: TSESTree.Node, name: string | undefined): void {
      if (name !== undefined && secretLike(name)) context.report({ node, messageId: 'secretFromEnv', data: { name } });
    }

    return {
      MemberExpression(node: TSESTree.MemberExpression) {
        if (!isEnvObject(node.object)) return;
        const name = propertyName(node);
        const parent = node.parent;
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
          const value = staticString(parent.right);
          if (name !== undefined && value !== undefined && value.length >= 8 && !isPlaceholder(value) && secretLike(name)) {
            context.report({ node: parent, messageId: 'secretWrittenToEnv', data: { name } });
          }
          return;
        }
        if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return;
        // KMS-encrypted variables: the environment holds ciphertext that the code decrypts.
        if (isDecryptedCiphertext(node)) return;
        // `'API_KEY' in process.env` is handled by the `in` check not being a member; `process.env.X !== undefined` is still a read.
        readNamed(node, name);
      },
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        if (!node.init || node.id.type !== AST_NODE_TYPES.ObjectPattern || !isEnvObject(unwrap(node.init))) return;
        for (const p of node.id.properties) {
          if (p.type === AST_NODE_TYPES.Property) readNamed(p, keyName(p));
        }
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.left.type !== AST_NODE_TYPES.ObjectPattern || !isEnvObject(unwrap(node.right))) return;
        for (const p of node.left.properties) {
          if (p.type === AST_NODE_TYPES.Property) readNamed(p, keyName(p));
        }
      },
      CallExpression(node: TSESTree.CallExpression) {
        // Deno.env.get('API_KEY')
        const callee = dottedName(node.callee);
        if (callee === 'Deno.env.get' && !isDecryptedCiphertext(node)) readNamed(node, staticString(node.arguments[0]));
      },
    };
  },
});
