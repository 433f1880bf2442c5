import { describe, expect, it } from 'vitest';
import { isDescriptiveName, isReferenceName, isSecretLikeName, nameWords } from '../../src/env/names.js';

describe('nameWords', () => {
  it.each([
    ['DB_PASSWORD', ['db', 'password']],
    ['dbPassword', ['db', 'password']],
    ['db-password', ['db', 'password']],
    ['APIKey', ['api', 'key']],
    ['ClientRequestToken', ['client', 'request', 'token']],
  ])('%s -> %j', (name, words) => expect(nameWords(name)).toEqual(words));
});

describe('isSecretLikeName', () => {
  it.each([
    'DB_PASSWORD', 'dbPassword', 'API_KEY', 'apiKey', 'STRIPE_SECRET_KEY', 'GITHUB_TOKEN', 'accessToken', 'idToken',
    'authorization', 'CLIENT_SECRET', 'privateKey', 'DATABASE_CONNECTION_STRING', 'SESSION_KEY', 'jwtSecret',
    'mysqlpassword', 'AUTH',
    // `pass` as the last word is a password
    'DB_PASS', 'mongoPass', 'pass',
    // near-misses of the descriptive rules: a describing word before the secret word does not describe it
    'validationToken', 'createdBy_password', 'ACCESS_KEY', 'access_key_secret', 'hashSecret',
    // near-misses of the known settings
    'AZURE_TOKEN', 'AZURE_CREDENTIALS', 'AZURE_TOKEN_CREDENTIALS_SECRET',
  ])('%s holds a secret', (name) => expect(isSecretLikeName(name)).toBe(true));

  it.each([
    // references: the good pattern
    'DB_PASSWORD_ARN', 'API_KEY_SECRET_ID', 'TOKEN_PARAM_NAME', 'STRIPE_KEY_SECRET_NAME', 'KMS_KEY_ID', 'VAULT_URL',
    'passwordLength', 'TOKEN_TTL',
    // descriptions of a secret, not the secret
    'AUTH_MODE', 'authMiddleware', 'PASSWORD_POLICY', 'passwordHash', 'TOKEN_PREFIX', 'hasPassword', 'isTokenValid',
    'ENABLE_AUTH', 'maxTokens', 'authProvider', 'passwordChangedAt', 'TOKEN_CREATED_DATE', 'apiKeyMissing', 'passwordSet',
    // tokens that are not credentials
    'NextToken', 'nextToken', 'continuationToken', 'ClientRequestToken', 'paginationToken', 'cancellationToken', 'tokens',
    'tokenizer',
    // unrelated
    'STAGE', 'region', 'TABLE_NAME', 'keyboard', 'passenger',
    // seen on real code (aws-cdk-lib, ajv, azure-identity, serverless examples, WAF/autoscaling API examples)
    'PASSWORD_ITERATIONS', 'SALT_ROUNDS', 'getTokenOptions', 'jwtSettings', 'workloadIdentityCredentialOptions',
    '$passData', 'TracingParamPassThrough', 'PASS_THROUGH', 'passThrough', 'clientToken', 'ChangeToken',
    'LifecycleActionToken', 'lastSignificantToken', 'nextLastSignificantToken',
    // terraform-aws-modules/iam outputs and variables, aws-cdk-lib property names
    'create_access_key', 'password_reuse_prevention', 'access_key_fingerprint', 'iam_account_password_policy_expire_passwords',
    'login_profile_encrypted_password', 'access_key_encrypted_secret', 'access_key_encrypted_ses_smtp_password_v4',
    'ENCRYPTED_DB_PASSWORD', 'manageMasterUserPassword', 'generateSecret', 'rotateMasterUserPassword',
    'refreshTokenRotationGracePeriod', 'TOKEN_VALIDITY_UNITS', 'idTokenValidity',
    // documented SDK settings: Azure Identity's credential selector
    'AZURE_TOKEN_CREDENTIALS',
    // lists of references
    'validCredentialNames', 'SECRET_ARNS', 'tokenIds', 'passwordPaths',
  ])('%s does not hold a secret', (name) => expect(isSecretLikeName(name)).toBe(false));
});

describe('isDescriptiveName', () => {
  it.each([
    ['authMiddleware', true],
    ['hasPassword', true],
    ['nextToken', true],
    ['accessToken', false],
    ['password', false],
    ['refreshToken', false],
  ])('%s -> %s', (name, expected) => expect(isDescriptiveName(name)).toBe(expected));

  it('keeps reference names apart', () => {
    expect(isReferenceName('DB_PASSWORD_ARN')).toBe(true);
    expect(isDescriptiveName('DB_PASSWORD_ARN')).toBe(false);
  });
});

describe('isReferenceName: an Azure Key Vault or a secret in it, by name', () => {
  it.each([
    ['AZURE_KEY_VAULT_SECRET', true],
    ['KeyVaultSecret', true],
    ['SECRET_KEY_VAULT', true],
    ['keyvaultSecrets', true],
    ['KEY_VAULT_CLIENT_SECRET', false], // the credential that opens the vault
    ['KEY_VAULT_PASSWORD', false],
    ['VAULT_TOKEN', false], // HashiCorp Vault's token is a secret
    ['KEY_VAULT', false], // no secret word: not a reference by this rule (and not secret-like either)
  ])('%s -> %s', (name, expected) => expect(isReferenceName(name)).toBe(expected));

  it('is not secret-like, so its literal value is not reported', () => {
    expect(isSecretLikeName('AZURE_KEY_VAULT_SECRET')).toBe(false);
    expect(isSecretLikeName('KEY_VAULT_CLIENT_SECRET')).toBe(true);
  });
});
