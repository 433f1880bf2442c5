/**
 * The KMS-encrypted environment variable pattern: the environment holds ciphertext and the code
 * decrypts it with a KMS (AWS `Decrypt`, Google Cloud KMS `decrypt`, Azure Key Vault keys
 * `CryptographyClient.decrypt`). Reading such a variable is not reading a secret in plaintext.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, dottedName, keyName } from './ast.js';

/** Keys that carry ciphertext into a decrypt request: AWS `CiphertextBlob`, GCP and Azure `ciphertext`. */
const CIPHERTEXT_KEY = /^ciphertext(blob)?$/i;
/** How far up a read may be wrapped (`Buffer.from(x, 'base64')`, `x!`, `x as string`) before it reaches the call. */
const MAX_HOPS = 6;

function isDecryptCall(n: TSESTree.Node): boolean {
  if (n.type !== AST_NODE_TYPES.CallExpression && n.type !== AST_NODE_TYPES.NewExpression) return false;
  const name = calleeName(n) ?? '';
  return /decrypt(command)?$/i.test(name);
}

/** True when `node` (an environment read) is passed, maybe wrapped, as the ciphertext of a KMS decrypt. */
export function isDecryptedCiphertext(node: TSESTree.Node): boolean {
  let cur: TSESTree.Node = node;
  for (let hop = 0; hop < MAX_HOPS && cur.parent; hop++) {
    const p: TSESTree.Node = cur.parent;
    switch (p.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.AwaitExpression:
        break;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (!p.arguments.includes(cur as TSESTree.CallExpressionArgument)) return false;
        // `decrypt('RSA-OAEP', Buffer.from(process.env.X, 'base64'))` (Azure CryptographyClient).
        if (isDecryptCall(p)) return true;
        // `Buffer.from(x, 'base64')`, `Uint8Array.from(x)`: still the ciphertext.
        if (!/^(Buffer|Uint8Array)\.from$/.test(dottedName(p.callee) ?? '')) return false;
        break;
      case AST_NODE_TYPES.Property: {
        if (p.value !== cur || !CIPHERTEXT_KEY.test(keyName(p) ?? '')) return false;
        const obj = p.parent;
        const call = obj?.parent;
        if (obj?.type !== AST_NODE_TYPES.ObjectExpression || !call) return false;
        return (call.type === AST_NODE_TYPES.CallExpression || call.type === AST_NODE_TYPES.NewExpression) && isDecryptCall(call) && call.arguments.includes(obj);
      }
      default:
        return false;
    }
    cur = p;
  }
  return false;
}
