/**
 * The name checks of the broad assignment rules and the value shape they share: a credential word
 * at the end of the name says a value is a credential; a data key, a public key, a reference or a
 * line of code does not. Tricky negatives next to the near-misses that are still credentials.
 */
import { describe, expect, it } from 'vitest';
import { credentialName, credentialValue, labelCredentialName, lineCredentialName } from '@leakguard/core';

describe('credentialName', () => {
  it.each([
    'paymoapp_key', 'BEAMER_key', 'config.facebook.key', 'centralstationcrmKEY', 'uclassifykey', 'nimble ACCESS',
    'qUboLE accessKEy', 'zeplin SECRET TOKEN', 'REACT_APP_AUTH_PASS', 'MAILER_CREDENTIALS', 'spring.datasource.password',
    'license_key', 'encryptionKey', 'DB_PASSWORD_PROD', 'SECRET_KEY_BASE', 'API_TOKEN_V2',
  ])('a credential name: %s', (name) => {
    expect(credentialName(name)).toBe(true);
  });

  it.each([
    ['a cache key', 'cacheKey'], ['a database key', 'partition_key'], ['a public key', 'PUBLIC_KEY'],
    ['reCAPTCHA site key', 'sitekey'], ['a word ending in key', 'monkey'], ['a key id (a reference)', 'access_key_id'],
    ['a bare key', 'key'], ['a bare access', 'access'], ['a property path ending elsewhere', 'authResponse.PolicyDocument'],
    ['a description', 'passwordPolicy'], ['a form field', 'PASSWORD_INPUT_BOX'], ['a keyboard key', 'shortcut_key'], ['an i18n key', 'i18nKey'],
  ])('not a credential name: %s (%s)', (_label, name) => {
    expect(credentialName(name)).toBe(false);
  });
});

describe('lineCredentialName and labelCredentialName', () => {
  it('read a shell or Dockerfile keyword as no part of the name', () => {
    expect(lineCredentialName('export API_TOKEN')).toBe(true);
    expect(labelCredentialName('ENV NPM_TOKEN')).toBe(true);
  });
  it('turn away lines of code', () => {
    expect(lineCredentialName('const accessKey')).toBe(false);
    expect(labelCredentialName('private token')).toBe(false);
    expect(labelCredentialName('return token')).toBe(false);
  });
  it('need a label of two words or more', () => {
    expect(labelCredentialName('token')).toBe(false);
    expect(labelCredentialName('dailyKEY')).toBe(true);
  });
});

describe('credentialValue', () => {
  it.each([
    ['the documentation UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
    ['a home path', '~/.gcloud/keyfile.json'],
    ['element access', 'creds[self.ACCESS_KEY]'],
    ['a struct literal opening', 'events.APIGatewayCustomAuthorizerPolicy{'],
    ['a type name of words', 'AccessTokenV2Response'],
    ['an identifier of words', 'splendid21RANDOMCONTENT_token'],
    ['a sample password of documentation', 'Passw0rd!'],
    ['a sample password of a test user', 'Test@654321'],
  ])('not a credential: %s', (_label, value) => {
    expect(credentialValue(value)).toBe(false);
  });

  it.each([
    ['random base62', '3mL6pHJQ7NMK3v8Z1J6n2L9F6qK2dH'],
    ['hex', '5179f75c4209d75c79f4d5f420d9a75c75f1d79f'],
    ['a UUID that is no example', '2397f603-c2c4-4897-a8ca-587ace5dc8dd'],
    ['a password of words and symbols', 'Summer2016-Winter!x'],
  ])('a credential: %s', (_label, value) => {
    expect(credentialValue(value)).toBe(true);
  });
});
