/** Rule metadata for a catalog rule: title and help generated from its data. */
import type { RuleMeta } from '../rule-meta.js';
import type { CatalogRule } from './catalog.js';
import { DOCS_BASE } from '../docs.js';

export const SECRET_HELP = `A credential committed to code, configuration or history must be treated as leaked: anyone with
read access to the repository, its forks, CI logs or build artifacts can use it.

**Fix**
1. Revoke or rotate the credential at its provider now; deleting the line does not remove it from git history.
2. Store the new value in a secret store and keep only a reference in code and configuration:
   - AWS: Secrets Manager (\`arn:aws:secretsmanager:...\`) or SSM Parameter Store \`SecureString\`, fetched at run time and cached in memory.
   - Azure: Key Vault, referenced as \`@Microsoft.KeyVault(SecretUri=...)\` in app settings, or read with \`SecretClient\`.
   - Google Cloud: Secret Manager (\`projects/<p>/secrets/<name>/versions/<v>\`), mounted with \`secret_environment_variables\` or read with \`accessSecretVersion\`.
3. If it was a false positive, add \`leakguard:ignore\` with the rule id on the line, or an allow pattern in \`leakguard.yaml\`.`;

export function secretRuleMeta(rule: CatalogRule): RuleMeta {
  return {
    id: rule.id,
    title: rule.title,
    shortDescription: `${rule.title} committed in clear.`,
    fullDescription: rule.description,
    helpMarkdown: `${rule.description}\n\n${rule.help ? `${rule.help.trim()}\n\n` : ''}${SECRET_HELP}`,
    severity: rule.severity,
    precision: rule.entropy !== undefined || rule.validate ? 'high' : 'very-high',
    tags: ['security', 'secret', 'external/cwe/cwe-798', ...(rule.tags ?? [])],
    helpUri: `${DOCS_BASE}/docs/rules/secrets.md#${rule.id.replace('/', '')}`,
  };
}
