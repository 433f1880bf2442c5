/**
 * Calls that fetch a secret from a secret store, across clouds and SDK versions. Used as taint
 * sources (no-secret-logging, no-secret-in-response) and as the fetches no-uncached-secret-fetch
 * looks for in handlers.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, dottedName, findProperty, propertyName, unwrap } from './ast.js';

export type SecretStore =
  | 'aws-secrets-manager'
  | 'aws-ssm'
  | 'aws-kms'
  | 'gcp-kms'
  | 'azure-key-vault'
  | 'gcp-secret-manager'
  | 'vault'
  | 'powertools-parameters';

export interface SecretFetch {
  store: SecretStore;
  /** What the call is, for messages: `Secrets Manager GetSecretValue`. */
  label: string;
}

const COMMANDS: Record<string, SecretFetch> = {
  GetSecretValueCommand: { store: 'aws-secrets-manager', label: 'Secrets Manager GetSecretValue' },
  BatchGetSecretValueCommand: { store: 'aws-secrets-manager', label: 'Secrets Manager BatchGetSecretValue' },
  DecryptCommand: { store: 'aws-kms', label: 'KMS Decrypt' },
};
const SSM_COMMANDS = new Set(['GetParameterCommand', 'GetParametersCommand', 'GetParametersByPathCommand']);

function hasTrue(obj: TSESTree.Node | undefined, ...keys: string[]): boolean {
  const o = obj && unwrap(obj);
  if (!o || o.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const p = findProperty(o, ...keys);
  if (!p) return false;
  const v = unwrap(p.value);
  return v.type === AST_NODE_TYPES.Literal && v.value === true;
}

function hasKey(obj: TSESTree.Node | undefined, ...keys: string[]): boolean {
  const o = obj && unwrap(obj);
  return !!o && o.type === AST_NODE_TYPES.ObjectExpression && !!findProperty(o, ...keys);
}

/** `new GetSecretValueCommand(...)` and friends. */
function commandFetch(node: TSESTree.Node | undefined): SecretFetch | undefined {
  const n = node && unwrap(node);
  if (!n || n.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const name = calleeName(n);
  if (!name) return undefined;
  if (COMMANDS[name]) return COMMANDS[name];
  if (SSM_COMMANDS.has(name) && hasTrue(n.arguments[0], 'WithDecryption')) {
    return { store: 'aws-ssm', label: `SSM ${name.replace(/Command$/, '')} WithDecryption` };
  }
  return undefined;
}

/** The store a call reads a secret from, or undefined. Looks through `.promise()` (SDK v2). */
export function secretFetch(call: TSESTree.CallExpression): SecretFetch | undefined {
  const callee = unwrap(call.callee);
  // SDK v2: sm.getSecretValue({...}).promise()
  if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'promise') {
    const inner = unwrap(callee.object);
    return inner.type === AST_NODE_TYPES.CallExpression ? secretFetch(inner) : undefined;
  }
  const name = calleeName(call);
  if (!name) return undefined;
  const first = call.arguments[0];
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const receiver = dottedName(callee.object) ?? '';
    switch (name) {
      case 'send':
        return commandFetch(first);
      case 'getSecretValue':
        return { store: 'aws-secrets-manager', label: 'Secrets Manager GetSecretValue' };
      case 'batchGetSecretValue':
        return { store: 'aws-secrets-manager', label: 'Secrets Manager BatchGetSecretValue' };
      case 'getParameter':
      case 'getParameters':
      case 'getParametersByPath':
        if (hasTrue(first, 'WithDecryption')) return { store: 'aws-ssm', label: `SSM ${name} WithDecryption` };
        return undefined;
      case 'decrypt':
        if (hasKey(first, 'CiphertextBlob') || /kms/i.test(receiver)) return { store: 'aws-kms', label: 'KMS Decrypt' };
        // Google Cloud KMS: client.decrypt({ name, ciphertext }); Azure Key Vault keys: cryptoClient.decrypt(...).
        if (hasKey(first, 'ciphertext')) return { store: 'gcp-kms', label: 'Cloud KMS decrypt' };
        if (/crypto/i.test(receiver)) return { store: 'azure-key-vault', label: 'Key Vault decrypt' };
        return undefined;
      case 'getSecret':
        // Azure SecretClient.getSecret(name) -> KeyVaultSecret { value }
        return { store: 'azure-key-vault', label: 'Key Vault getSecret' };
      case 'accessSecretVersion':
        return { store: 'gcp-secret-manager', label: 'Secret Manager accessSecretVersion' };
      case 'read':
      case 'readSecret':
      case 'getSecretVersion':
        // node-vault: vault.read('secret/data/app'); vault.kv.v2.read(...)
        if (/vault/i.test(receiver)) return { store: 'vault', label: 'Vault read' };
        return undefined;
      default:
        return undefined;
    }
  }
  // Powertools parameters: getSecret('name'), getParameter('/p', { decrypt: true }), and the v2/v3 commands via a bare send.
  if (name === 'getSecret') return { store: 'powertools-parameters', label: 'Powertools getSecret' };
  if ((name === 'getParameter' || name === 'getParameters') && hasTrue(call.arguments[1], 'decrypt')) {
    return { store: 'powertools-parameters', label: `Powertools ${name} (decrypt)` };
  }
  return undefined;
}

/** Per-cloud advice, appended to messages. */
export const CLOUD_ADVICE = {
  log: 'Log a masked value or only whether it is set; logs are kept and read widely (CloudWatch Logs, Azure Monitor, Cloud Logging).',
  env: 'Keep a reference in the variable and fetch the value at run time: AWS Secrets Manager ARN or SSM SecureString name (`*_SECRET_ARN`, `*_PARAM_NAME`), Azure Key Vault secret URI (`*_VAULT_URL`, or a `@Microsoft.KeyVault(...)` reference), GCP Secret Manager version name (`projects/*/secrets/*/versions/*`).',
} as const;
