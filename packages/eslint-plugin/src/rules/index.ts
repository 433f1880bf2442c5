import type { TSESLint } from '@typescript-eslint/utils';
import type { LeakguardDocs } from '../util/create-rule.js';
import noEnvSecrets from './no-env-secrets.js';
import noHardcodedSecrets from './no-hardcoded-secrets.js';
import noSecretInResponse from './no-secret-in-response.js';
import noSecretLogging from './no-secret-logging.js';
import noUncachedSecretFetch from './no-uncached-secret-fetch.js';
import noWildcardIam from './no-wildcard-iam.js';

export type AnyRule = TSESLint.RuleModule<string, any, LeakguardDocs>;

export const rules = {
  'no-secret-logging': noSecretLogging,
  'no-env-secrets': noEnvSecrets,
  'no-hardcoded-secrets': noHardcodedSecrets,
  'no-secret-in-response': noSecretInResponse,
  'no-uncached-secret-fetch': noUncachedSecretFetch,
  'no-wildcard-iam': noWildcardIam,
} satisfies Record<string, AnyRule>;

export type RuleName = keyof typeof rules;
