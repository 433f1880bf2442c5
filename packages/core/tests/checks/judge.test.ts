import { describe, expect, it } from 'vitest';
import {
  CHECK_RULES,
  INFRA_RULES,
  classifyLiteral,
  isSettingProperty,
  emptyFactSet,
  issuesToDrafts,
  judgeEnvVar,
  judgeFacts,
  judgeFunction,
  judgeInput,
  judgeKmsKey,
  judgePolicyStatement,
  judgeSecretAttribute,
  judgeSecretStore,
  validateRuleMeta,
  type EnvValue,
  type EnvVarFact,
  type Region,
} from '@leakguard/core';

const r = (line: number, column = 5): Region => ({ startLine: line, startColumn: column, endLine: line, endColumn: column + 10 });

function env(name: string, value: EnvValue, platform: EnvVarFact['platform'] = 'aws-lambda'): EnvVarFact {
  return { platform, functionName: 'orders', name: { value: name, region: r(3) }, value, valueRegion: r(3, 20) };
}
const lit = (text: string): EnvValue => classifyLiteral(text);

describe('classifyLiteral: references are the good pattern', () => {
  it.each<[string, string, string?]>([
    ['{{resolve:secretsmanager:orders/db:SecretString:password}}', 'reference', 'secretsmanager'],
    ['{{resolve:ssm-secure:/orders/db/password:1}}', 'reference', 'ssm'],
    ['{{resolve:ssm:/orders/db/password}}', 'deploy-time'],
    ['{{resolve:secretsmanager:${DbSecret}::password}}', 'reference', 'secretsmanager'],
    ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf', 'reference', 'secretsmanager'],
    ['arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/orders/db', 'reference', 'ssm'],
    ['/orders/prod/db-password', 'reference', 'ssm'],
    ['@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/db/)', 'reference', 'keyvault'],
    ['projects/acme/secrets/db-password/versions/latest', 'reference', 'gcp-secret-manager'],
    ['arn:aws:kms:eu-west-1:123456789012:key/1234', 'reference', 'other'],
    ['berglas://acme-secrets/api-key', 'reference', 'other'],
    ['sm://acme-prod/api-key', 'reference', 'gcp-secret-manager'],
    ['sm://acme-prod/api-key#3', 'reference', 'gcp-secret-manager'],
    ['sm://', 'literal'],
    ['privateSettingsRef:AdminPassword', 'reference', 'other'],
    ['Pr0d-Db-Passw0rd!2024', 'literal'],
    ['/', 'literal'],
  ])('%s is a %s', (text, kind, store) => {
    const v = classifyLiteral(text);
    expect(v.kind).toBe(kind);
    if (store) expect(v.kind === 'reference' && v.store).toBe(store);
  });
});

describe('env/*', () => {
  it.each<[string, EnvVarFact, string[]]>([
    ['literal password', env('DB_PASSWORD', lit('Pr0d-Db-Passw0rd!2024')), ['env/secret-literal']],
    ['upper-case with a digit-only group is not a constant name', env('LICENSE_KEY', lit('QKTM-4829-XRWP-5613')), ['env/secret-literal']],
    ['literal API key (Azure app setting)', env('StripeApiKey', lit('sk_live_' + 'q7Xk2Lm9Pz4Rt6Wv'), 'azure-functions'), ['env/secret-literal']],
    ['the client secret that opens a Key Vault is a secret', env('KEY_VAULT_CLIENT_SECRET', lit('Qx7~' + 'k2Lm9Pz4Rt6WvB3nY8cD1fG5hJ0'), 'azure-functions'), ['env/secret-literal']],
    ['literal token on Cloud Run', env('GITHUB_TOKEN', lit('ghp_' + 'x9fK2qL7xZ0pR4tY6uW3eXq8mN5bV1cJ7hG0'), 'gcp-cloud-run'), ['env/secret-literal']],
    ['serverless ${ssm:...}', env('STRIPE_SECRET_KEY', { kind: 'deploy-time', source: 'serverless ${ssm:...}' }), ['env/deploy-time-secret']],
    ['{{resolve:ssm:...}} plain parameter', env('API_TOKEN', lit('{{resolve:ssm:/orders/token}}')), ['env/deploy-time-secret']],
  ])('%s fires', (_n, fact, expected) => {
    expect(judgeEnvVar(fact).map((i) => i.ruleId)).toEqual(expected);
  });

  it.each<[string, EnvVarFact]>([
    ['a secret ARN', env('DB_PASSWORD', lit('arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'))],
    ['a dynamic reference', env('REPORT_API_TOKEN', lit('{{resolve:secretsmanager:orders/report-token:SecretString:token}}'))],
    ['a Key Vault reference', env('DbPassword', lit('@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/db/)'), 'azure-functions')],
    ['a GCP secret version', env('DB_PASSWORD', lit('projects/p/secrets/db/versions/3'), 'gcp-cloud-functions')],
    ['an SSM parameter path', env('DB_PASSWORD', lit('/orders/prod/db-password'))],
    ['a Berglas object reference', env('API_KEY', lit('berglas://acme-secrets/api-key'))],
    ['a Berglas Secret Manager reference', env('API_KEY', lit('sm://acme-prod/api-key'), 'gcp-cloud-run')],
    ['a reference name with a literal name', env('STRIPE_KEY_PARAM_NAME', lit('/orders/prod/stripe-secret-key'))],
    ['a reference name holding a plain string', env('DB_PASSWORD_SECRET_ID', lit('orders/db'))],
    ['Ref to a NoEcho parameter', env('WEBHOOK_SIGNING_KEY', { kind: 'reference', store: 'noecho-parameter' })],
    ['a sensitive Terraform variable', env('API_TOKEN', { kind: 'reference', store: 'sensitive-variable' })],
    ['an unresolved expression', env('DB_PASSWORD', { kind: 'unresolved', text: 'module.db.password' })],
    ['a non-secret name with a literal', env('TABLE_NAME', lit('orders'))],
    ['a placeholder', env('DB_PASSWORD', lit('changeme'))],
    ['a token a release pipeline replaces', env('ApiKey', lit('__ApiKey__'), 'azure-functions')],
    ['an upper-case constant naming a secret', env('DB_PASSWORD', lit('AZURE-SQL-CONNECTION-STRING'), 'azure-functions')],
    ['an empty value', env('API_KEY', lit(''))],
    ['a boolean flag whose name mentions auth', env('AUTH_ENABLED', lit('true'))],
    ['a number', env('TOKEN_TTL_SECONDS', lit('3600'))],
    ['a Key Vault secret named in an app setting', env('AZURE_KEY_VAULT_SECRET', lit('stripe-api-key'), 'azure-functions')],
    ['a Key Vault named in an app setting', env('SECRET_KEY_VAULT', lit('kv-payments-prod-01'), 'azure-functions')],
  ])('%s passes', (_n, fact) => {
    expect(judgeEnvVar(fact)).toEqual([]);
  });

  it('carries the literal as the secret, never in the message', () => {
    const [issue] = judgeEnvVar(env('DB_PASSWORD', lit('Pr0d-Db-Passw0rd!2024')));
    expect(issue?.secret).toBe('Pr0d-Db-Passw0rd!2024');
    expect(issue?.message).not.toContain('Pr0d');
    expect(issue?.region).toEqual(r(3, 20));
    expect(issuesToDrafts([issue!])[0]?.secret).toBe('Pr0d-Db-Passw0rd!2024');
  });
});

describe('kms/lambda-env-without-cmk', () => {
  const fn = (kmsKey: boolean | 'unknown', platform: EnvVarFact['platform'] = 'aws-lambda') => ({ platform, functionName: 'orders', region: r(1), kmsKey });
  it.each<[string, ReturnType<typeof fn>, EnvVarFact[], boolean]>([
    ['literal secret, no key', fn(false), [env('DB_PASSWORD', lit('Pr0d-Db-Passw0rd!2024'))], true],
    ['deploy-time secret, no key', fn(false), [env('DB_PASSWORD', { kind: 'deploy-time', source: 'x' })], true],
    ['NoEcho parameter value, no key', fn(false), [env('DB_PASSWORD', { kind: 'reference', store: 'noecho-parameter' })], true],
    ['literal secret, customer key set', fn(true), [env('DB_PASSWORD', lit('Pr0d-Db-Passw0rd!2024'))], false],
    ['key unknown (unresolved)', fn('unknown'), [env('DB_PASSWORD', lit('Pr0d-Db-Passw0rd!2024'))], false],
    ['only references, no key', fn(false), [env('DB_SECRET_ARN', lit('arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'))], false],
    ['only non-secret names', fn(false), [env('TABLE_NAME', lit('orders'))], false],
    ['not a Lambda', fn(false, 'azure-functions'), [env('DB_PASSWORD', lit('Pr0d-Db-Passw0rd!2024'), 'azure-functions')], false],
  ])('%s', (_n, f, envs, fires) => {
    expect(judgeFunction(f, envs).map((i) => i.ruleId)).toEqual(fires ? ['kms/lambda-env-without-cmk'] : []);
  });
});

describe('rotation/* and kms/* on secret stores and keys', () => {
  const store = (o: Partial<Parameters<typeof judgeSecretStore>[0]>) => ({ kind: 'aws-secretsmanager' as const, source: 's', region: r(1), rotation: true as boolean | 'unknown', customerManagedKey: true as boolean | 'unknown', secretLike: true, ...o });
  it.each<[string, Parameters<typeof judgeSecretStore>[0], string[]]>([
    ['no rotation, no key', store({ rotation: false, customerManagedKey: false }), ['rotation/secret-without-rotation', 'kms/secret-without-cmk']],
    ['rotation and key', store({}), []],
    ['unknown rotation and key are never findings', store({ rotation: 'unknown', customerManagedKey: 'unknown' }), []],
    ['Key Vault secret without expiry', store({ kind: 'azure-keyvault-secret', rotation: false, customerManagedKey: false }), ['rotation/keyvault-secret-without-expiry']],
    ['Key Vault secret with expiry', store({ kind: 'azure-keyvault-secret', rotation: true }), []],
    ['SSM String with a secret-like name', store({ kind: 'aws-ssm-parameter', parameterType: { value: 'String', region: r(4) } }), ['kms/ssm-secret-as-string']],
    ['SSM StringList with a secret-like name', store({ kind: 'aws-ssm-parameter', parameterType: { value: 'StringList', region: r(4) } }), ['kms/ssm-secret-as-string']],
    ['SSM SecureString', store({ kind: 'aws-ssm-parameter', parameterType: { value: 'SecureString', region: r(4) } }), []],
    ['SSM String with a plain name', store({ kind: 'aws-ssm-parameter', secretLike: false, parameterType: { value: 'String', region: r(4) } }), []],
    ['SSM parameter whose type is unresolved', store({ kind: 'aws-ssm-parameter' }), []],
  ])('%s', (_n, s, expected) => {
    expect(judgeSecretStore(s).map((i) => i.ruleId)).toEqual(expected);
  });

  it('points at the type attribute of an SSM parameter', () => {
    const [i] = judgeSecretStore(store({ kind: 'aws-ssm-parameter', parameterType: { value: 'String', region: r(4) } }));
    expect(i?.region).toEqual(r(4));
  });

  it.each<[boolean | 'unknown', number]>([[false, 1], [true, 0], ['unknown', 0]])('KMS key rotation %s -> %d finding(s)', (rotation, n) => {
    const issues = judgeKmsKey({ source: 'k', region: r(1), rotation, rotationRegion: r(2) });
    expect(issues).toHaveLength(n);
    if (n) expect(issues[0]?.region).toEqual(r(2));
  });
});

describe('secret/* on inputs and attributes', () => {
  const input = (name: string, masked: boolean | 'unknown', def?: string, kind: 'cfn-parameter' | 'tf-variable' | 'tf-output' = 'tf-variable') => ({
    kind, source: `var.${name}`, name: { value: name, region: r(1) }, masked, ...(def !== undefined ? { defaultValue: { value: def, region: r(2) } } : {}),
  });
  it.each<[string, Parameters<typeof judgeInput>[0], string[]]>([
    ['secret-like variable, not sensitive, literal default', input('db_password', false, 'Tf-Db-Passw0rd-2024!'), ['secret/sensitive-not-marked', 'secret/literal-default']],
    ['sensitive variable with a literal default', input('db_password', true, 'Tf-Db-Passw0rd-2024!'), ['secret/literal-default']],
    ['CFN parameter without NoEcho', input('ReportingDbPassword', false, undefined, 'cfn-parameter'), ['secret/sensitive-not-marked']],
    ['output not sensitive', input('api_token', false, undefined, 'tf-output'), ['secret/sensitive-not-marked']],
    ['sensitive variable without default', input('api_token', true), []],
    ['NoEcho unresolved', input('DbPassword', 'unknown', undefined, 'cfn-parameter'), []],
    ['a reference name', input('db_password_secret_arn', false, 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'), []],
    ['a plain name', input('table_name', false, 'orders'), []],
    ['a placeholder default', input('db_password', true, 'changeme'), []],
    ['an empty default', input('api_key', true, ''), []],
    ['a boolean default is a switch', input('OverrideApiAuthValue', false, 'true', 'cfn-parameter'), []],
    ['a boolean default, upper case', input('use_api_key', false, 'FALSE'), []],
    ['a non-boolean default is still a literal', input('OverrideApiAuthValue', false, 'trueT0ken-9fK2qL7x', 'cfn-parameter'), ['secret/sensitive-not-marked', 'secret/literal-default']],
  ])('%s', (_n, i, expected) => {
    expect(judgeInput(i).map((x) => x.ruleId)).toEqual(expected);
  });

  it.each<[string, string, boolean]>([
    ['secret_key', 'OAYGSTWjRlLK6sNdVU72lZ+o2/YH19dCqgn28s9D', true],
    ['master_password', 'Sup3r-S3cret-Pass', true],
    ['MasterUserPassword', 'Sup3r-S3cret-Pass', true],
    ['master_password', '{{resolve:secretsmanager:db:SecretString:password}}', false],
    ['master_password', 'changeme', false],
    ['region', 'eu-west-1', false],
    ['password_length', '32', false],
    ['authorization', 'AWS_IAM', false],
    ['customer_master_key_spec', 'SYMMETRIC_DEFAULT', false],
    ['secret_rotation_days', 'thirty-days', false],
    ['password_policy', 'strict-mixed-case', false],
    ['SecretStringTemplate', '{"username": "admin"}', false],
    ['SecretString', '{"password": "Sup3r-S3cret-Db-2024"}', true],
    ['ApiKeySelectionExpression', '$request.header.x-api-key', false],
    ['ApiKeySelectionExpression', '$context.authorizer.usageIdentifierKey', false],
    ['api_key', '$requestX9fK2qL7xZ0pR4t', true],
    // A literal secret must look like one: not a type copied from AWS docs, a reference, a template.
    ['OAuthToken', 'String', false],
    ['AuthMechanism', 'String', false],
    ['OAuthToken', 'secret-token', false],
    ['db_password', 'var.db_password', false],
    ['password', 'aws_secretsmanager_secret_version.db.secret_string', false],
    ['TokenPath', '$.body.token', false],
    ['api_key', "$input.path('$.apiKey')", false],
    ['ServiceToken', 'arn-of-the-function', false],
    ['creation_token', 'my-efs-volume-2024', false],
    ['EncryptionKey', 'alias/orders-key', false],
    ['MasterUserPassword', 'Prefix-{{resolve:ssm-secure:MySecurePassword:1}}-Postfix', false],
    ['master_password', 'abc12', false],
    ['OAuthToken', 'ghp-like-but-hand-written-7fK2qL9x', true],
  ])('attribute %s = %s -> %s', (name, value, fires) => {
    const issues = judgeSecretAttribute({ source: 'provider.aws', name: { value: name, region: r(1) }, value: { value, region: r(1, 20) } });
    expect(issues.map((i) => i.ruleId)).toEqual(fires ? ['secret/literal-secret-attribute'] : []);
  });
});

describe('judgeFacts and resource policies', () => {
  it('judges every fact kind of a file at once', () => {
    const facts = emptyFactSet();
    facts.envVars.push(env('DB_PASSWORD', lit('Pr0d-Db-Passw0rd!2024')));
    facts.functions.push({ platform: 'aws-lambda', functionName: 'orders', region: r(1), kmsKey: false });
    facts.kmsKeys.push({ source: 'k', region: r(9), rotation: false });
    facts.attachments.push({ source: 'a', policyArn: { value: 'arn:aws:iam::aws:policy/AdministratorAccess', region: r(12) } });
    facts.statements.push({ source: 's', region: r(14), effect: { value: 'Allow', region: r(15) }, actions: [{ value: '*', region: r(16) }], hasCondition: false });
    expect(judgeFacts(facts).map((i) => i.ruleId).sort()).toEqual(['env/secret-literal', 'iam/admin-policy-attached', 'iam/wildcard-action', 'kms/lambda-env-without-cmk', 'rotation/kms-key-without-rotation']);
  });

  it.each<[string, string[], string, string[]]>([
    ['default key policy: kms:* for the account root', ['kms:*'], 'arn:aws:iam::123456789012:root', []],
    ['key policy: Resource "*" is the key itself', ['kms:Decrypt'], 'arn:aws:iam::123456789012:role/app', []],
    ['key policy open to anyone', ['kms:Decrypt'], '*', ['iam/wildcard-principal']],
    ['key policy granting another service', ['s3:*'], 'arn:aws:iam::123456789012:root', ['iam/service-wildcard-action']],
  ])('%s', (_n, actions, principal, expected) => {
    const issues = judgePolicyStatement({
      source: 'key', region: r(1), resourcePolicyOf: 'kms', effect: { value: 'Allow', region: r(2) },
      actions: actions.map((a) => ({ value: a, region: r(3) })), resources: [{ value: '*', region: r(4) }],
      principals: [{ value: principal, region: r(5) }], hasCondition: false,
    });
    expect(issues.map((i) => i.ruleId)).toEqual(expected);
  });
});

describe('check rule metadata', () => {
  it.each(CHECK_RULES.map((x) => [x.id, x] as const))('%s is complete', (_id, rule) => {
    expect(validateRuleMeta(rule)).toEqual([]);
    expect(rule.helpUri).toContain(`docs/rules/${rule.id.replace('/', '-')}.md`);
  });
  it('has unique ids across IAM and checks', () => {
    const ids = INFRA_RULES.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('isSettingProperty: settings are not entered, *Config maps are', () => {
  it.each<[string, boolean, boolean]>([
    ['TokenValidityUnits', true, true],
    ['PasswordPolicy', true, true],
    ['KeyRotationDays', false, true],
    ['SourceConfiguration', true, false],
    ['AuthenticationConfiguration', true, false],
    ['registrationConfig', true, false],
    ['LoggingConfiguration', false, true],
    ['ClientSecret', false, false],
    ['MasterUserPassword', false, false],
  ])('%s (a map: %s) -> %s', (key, isMap, expected) => {
    expect(isSettingProperty(key, isMap)).toBe(expected);
  });
});
