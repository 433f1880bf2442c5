/**
 * Shapes found in real public code (aws-sdk examples, aws-cdk-lib, @azure/storage-blob, serverless,
 * postcss) under secret-like names that are not secrets, next to the near-misses that still are.
 * Each table runs under both regex engines.
 */
import { describe, expect, it } from 'vitest';
import { assignedName, spellsItsName, genericSecretValue, genericTokenValue, isPlaceholder, SecretEngine, type RegexEngineName } from '@leakguard/core';

const ENGINES: RegexEngineName[] = ['re2', 'js'];
const engines = Object.fromEntries(ENGINES.map((e) => [e, new SecretEngine({ regexEngine: e })])) as Record<RegexEngineName, SecretEngine>;

describe('genericSecretValue: values that are not credentials', () => {
  it.each([
    ['a property path with an index', 'StreamDescription.Shards[-1].ShardId'],
    ['element access', 'tokens[start]'],
    ['element access by number', 'token_parts[1]'],
    ['an ISO 8601 timestamp', '2016-09-08T21:47:36Z'],
    ['a timestamp with milliseconds and an offset', '2016-09-08T21:47:36.123+02:00'],
    ['a module path and type name', 'aws-cdk-lib/aws-apigateway.CfnApiKey'],
    ['a feature flag', '@aws-cdk/core:checkSecretUsage'],
    ['a namespaced id', 'serverlessrepo:applicationId'],
    ['a package export path', './aws-secretsmanager/index.js'],
    ['a relative path', '../lib/tokenize.js'],
    ['an absolute file path', '/deploy/secrets/secrets.json'],
    ['a letters-only identifier with underscores', 'offlineContext_apiKey'],
    ['element then member access', 'data[stackName].ApiKey'],
    ['element access by a dotted name', 'creds[self.SECRET_KEY]'],
    ['element access by a quoted name, then a member', "environ['API_TOKEN'].strip"],
  ])('%s: %s', (_label, value) => {
    expect(genericSecretValue(value)).toBe(false);
  });

  it.each([
    ['random base64', 'DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9Zk6H/u9pSo='],
    ['a UUID with one character more is not a UUID', '550e8400-e29b-41d4-a716-4466554400021'],
    ['a UUID inside a longer token', 'Tok_550e8400-e29b-41d4-a716-446655440002'],
    ['a password with a date in it', 'Summer2016-09-08!x'],
    ['a base64 value with slashes', 'aws-cdk/Lib+9fK2qL7xZ0pR4tY6u=='],
    ['a token with a colon', 'ab12Cd:9fK2qL7xZ0pR4tY6uW3e'],
    ['a password that looks like a path but has no extension', '/x9K2q/L7xZ0pR4t'],
    ['a password with brackets and digits', 'p4ss[w0rd]X9!'],
    ['brackets holding a random part', 'key[x9!K2q]Lz'],
  ])('%s is still a candidate: %s', (_label, value) => {
    expect(genericSecretValue(value)).toBe(true);
  });
});

describe('genericTokenValue: a UUID under a token name is an identifier', () => {
  it.each<[string, boolean]>([
    ['550e8400-e29b-41d4-a716-446655440002', false],
    ['ABCD12F2-46DA-4FDB-B8D5-FBD4C466928F', false],
    ['550e8400-e29b-41d4-a716-4466554400021', true], // not a UUID
    ['k5qc9GfgYMF9K5qYSMHvt7XtAaISUJRKcFPMpBy7', true],
    ['tokens[start]', false], // everything genericSecretValue drops
  ])('%s -> %s', (value, kept) => {
    expect(genericTokenValue(value)).toBe(kept);
  });

  it('under a password name a UUID is still a candidate (Azure service-principal passwords are UUIDs)', () => {
    expect(genericSecretValue('48d82644-00f2-4e64-80c5-65192f9bb2d0')).toBe(true);
  });
});

describe('isPlaceholder: values that announce themselves as placeholders', () => {
  it.each([
    'YOUR-TWILIO-AUTH-TOKEN-HERE',
    'your_stripe_key',
    'PASTE-TOKEN-HERE',
    'AIzaXXXX',
    '[secret_block]',
    '[new_password]',
    'PassWordMustBeAtLeast6Chars.',
    '1234567890123456',
    '0123456789',
    '7890123456',
    '__AzureWebJobsStorage__', // release-pipeline token replacement
    '#{DbPassword}#', // Azure DevOps replace-tokens
    '{}', // a format string's slot: "mysql://{}:{}@{}/{}".format(...)
    '%s',
    // Base64 of test fixtures: a sentence, counting digits (built here, as a fixture would be).
    Buffer.from('This is a test string.').toString('base64'),
    Buffer.from('12345678901234567890123456789012').toString('base64'),
    Buffer.from('123456789012345678901234567890123456789012345678901234567890123').toString('base64').replace(/=+$/, ''), // unpadded
    // Made-up values behind fixed prefixes: a run of one character, an alphabet or digit sequence, a repeated unit.
    'AKIA' + 'A'.repeat(16),
    'AIza' + 'a'.repeat(35),
    '00QCjAl4MlV-WPXM-' + 'ABCDEFGHIJKL' + '-0HmjFx-vbGu-',
    'OOzkR1+hF+1ABCsIFDJMEUtqmtnZ' + '1234567890',
    'AKIA' + 'DEADBEEF'.repeat(2),
    // Keyboard rows and two sequences woven together (made-up.ts).
    'VF.DM.' + '8c1f3e27a90b4d56e2f71a3c' + '.qwertyuiopasdfgh',
    'BBFF-' + 'nMqWeRtYuIoPaSdFgHjKl7X2c9Vb0Z', // QWERTY row in mixed case
    'tok_' + '1a2b3c4d5e6f7g8h9i0j',
    'BBFF-' + '9J8I7H6G5F4E3D2C1B0A9z8y7x6w5v', // both halves counting down
    // Templates, variables, escaped placeholders, paths, selectors, names.
    '{password}',
    '$password',
    '&lt;YOURPASSWORD&gt;',
    'REPLACE_WITH_PASSWORD',
    '/en/enterprise/3.0/authentication/creating-a-strong-password',
    '#add-password',
    'cms_user_password',
    'cms/sites/passwords#update',
    'secret-token',
    'mypassword',
    // Short sequences typed for a value (made-up.ts): half the characters or more in runs of three.
    'xyz@123',
    'abcdefg12346+FJQCK',
    // Values that say what they are: words, one naming a secret, a few digits and symbols.
    'TestPassword123!',
    'securePassword123',
    'MySecretPassword123!',
    'SomeKindOfPassword123!@#',
    'MyDBPassword123!',
    'rabbitmqPassword123',
    'TestPass123!',
    'wrongPassword',
    'password1',
    'poc-microvm-token-42',
    'VERYLONGSECRET' + 'eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0', // an SDK doc comment's clientSecret
    'RABBITMQ_BROKER_PASSWORD', // a name a script replaces
    'HelloWorld123!',
    'S3cuRe#FaKE*',
    'fake-stripe-key-9fK2qL7',
    'myDummySecret9fK2',
  ])('%s', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each([
    'k5qc9GfgYMF9K5qYSMHvt7XtAaISUJRKcFPMpBy7',
    '1234567890123457', // not a run
    '8675309120',
    'AIzaSyDx9fK2qL7xZ0pR4tY6uW3eXq', // an X inside, not a tail of X
    'thereX9fK2qL7', // "here" inside, not a "-here" tail
    '[9fK2qL7xZ0pR4tY6]', // brackets around a random value
    Buffer.from([0x8f, 0x12, 0xa0, 0x33, 0xfe, 0x01, 0x77, 0x9c, 0x42, 0xd3, 0x5e, 0x10]).toString('base64'), // key bytes
    Buffer.from('hunter2-Pr0d-db').toString('base64'), // an encoded password, not a sentence
    '__init__secret_value', // underscores, not a __TOKEN__
    'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0' + 'x9fK2qL7xZ0pR4tY6uW3eXq8mN5bV1cJ7hG0kP4sT9wY2zA6dF3gH8jL1nQ5rU0vX7bC4eI9oM2', // Twitter bearer tokens open with 21 "A"s
    '01234567-89ab-4cde-8f01-23456789abcd', // a short run in a long value
    '$requestX9fK2qL7xZ0pR4t', // a $ then a random value
    'IxefAKEKIG3ivGWw5YMP8EB5', // random letters that happen to spell FAKE inside a word
    'H0AN6s509bZKFAKExAvtt9rh',
    'Xk9Password7Qz!', // a secret word between random letters (no vowel in Xk, Qz)
    'Password9fK2qL7xZ0pR4t', // the word, then a random part
    'W)kD3oO)bbd$y1AA', // a generated password
    'Tr0ub4dor&3x', // a chosen one
    'abc9fK2qL7xZ0pR4tY6u', // one short run in a random value
    'KQSECRETXZ', // all upper case, nothing after: not a named prefix
    'p4ssw0rd-9fK2', // leetspeak is not the word
    'qweR7kLm2Pz9sX4vB8nQ', // three keys of a row, then random
    'a1b2c3K9mQ7xZ4pR2tY6', // a short woven start, then random
  ])('%s is not a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});

describe('assignedName', () => {
  it.each([
    ['"NextToken": "abc"', 'NextToken'],
    ['export API_TOKEN=abc', 'API_TOKEN'],
    ['  spring.datasource.password=abc', 'spring.datasource.password'],
    ["Postman-Token: 'abc'", 'Postman-Token'],
  ])('%s -> %s', (whole, name) => {
    expect(assignedName(whole)).toBe(name);
  });
});

describe('spellsItsName: a documentation example that spells its own name', () => {
  it.each<[string, string, boolean]>([
    ['termToken', 'term-token-gPFEGk7CF4wS901w7ppYclt7', true],
    ['SESSION_TOKEN', 'session_token_9fK2qL7xZ0pR4tY6', true],
    ['termToken', 'term-token-', false], // nothing after the name
    ['token', 'token-9fK2qL7xZ0pR4tY6uW3e', false], // one word: too common a prefix to mean anything
    ['termToken', 'gPFEGk7CF4wS901w7ppYclt7-term-token', false], // the name is not a prefix
    ['apiToken', 'term-token-gPFEGk7CF4wS901w7ppYclt7', false], // another name
    ['secretValue', 'secretValue2', true], // an example parameters file: the name and a number
    ['secretValue', 'secretVaule1', true], // ...even mistyped (two letters swapped)
    ['secretValue', 'secretValue', false], // no number: not this pattern
    ['secretValue', 'sceretVaule1', false], // two swaps
    ['apiKey', 'apiKey' + '9fK2qL7x', false], // a random tail, not a number
    ['FLOW_PASSWORD_REQUIRED_V2', 'FlowPasswordRequiredResultV2', true], // an identifier holding every word of its name
    ['FLOW_PASSWORD_REQUIRED_V2', 'FlowPasswordRequired-9fK2qL7x', false], // not an identifier
    ['DB_PASSWORD', 'Db9fK2qL7xZ0pR4tPassword', false], // random letters between the words
  ])('%s = %s -> %s', (name, value, expected) => {
    expect(spellsItsName(name, value)).toBe(expected);
  });
});

describe.each(ENGINES)('the %s engine on real-code shapes', (name) => {
  const engine = engines[name];
  const ids = (text: string) => engine.scan(text).map((m) => m.ruleId);

  it.each([
    '"ChangeToken": "abcd12f2-46da-4fdb-b8d5-fbd4c466928f",',
    '"Postman-Token": "27fd6ed6-a1f0-4f1c-9a1c-6fd6e8b7c2b4",',
    '"NextToken": "U2FsdGVkX19h3Vn8kQm2LpXr7Tz9Yw4Ab6Cd1Ef0Gh5Ij",',
    '"NextContinuationToken": "1w41l63U0xa8q7smH50vCxyTQqdxo69O3EmK28Bi5PcROI4wI/EyIJg==",',
    '"paginationToken": "eyJvZmZzZXQiOjEwMCwiY3Vyc29yIjoiYWJjIn0xMjM0",',
    '"SECRET_HASH": "oT5ZkS8ctnrhYeeGsGTvOzPhoEzEWQ7TkN5TiHbTVmp8=",',
    'CHECK_SECRET_USAGE = "@aws-cdk/core:checkSecretUsage"',
    '"output_token": "StreamDescription.Shards[-1].ShardId"',
    'TWILIO_AUTH_TOKEN: YOUR-TWILIO-AUTH-TOKEN-HERE',
    'token = tokens[start]',
    '"termToken": "term-token-gPFEGk7CF4wS901w7ppYclt7"',
    'DATABASE_URL=postgres://<user:password>@db.internal:5432/orders', // a <user:password> placeholder
    'amqp://<user:pass>@rabbit:5672',
    'curl -u RABBITMQ_BROKER_ADMIN_USER:RABBITMQ_BROKER_PASSWORD -X PUT $endpoint/api/vhosts/v', // names a script replaces
    'curl -u user1:password1 https://api.example.com/',
    "TEST_PASSWORD = 'HelloWorld123!'",
    '"password": "securePassword123",',
    'secret_key = creds[self.SECRET_KEY]', // botocore: element access by a constant
    'process.env.API_KEY = data[stackName].ApiKey',
    '  *   clientSecret: "VERYLONGSECRET' + 'eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0",', // an SDK doc comment
    "secret_access_key = 'abcdefg12346+FJQCK'", // Nosey Parker's made-up example
    'password = "########"',
    'password = "****************"',
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
  ])('reports nothing in %s', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it.each([
    ['a UUID password (an Azure service principal)', '"password": "48d82644-00f2-4e64-80c5-65192f9bb2d0"', ['secret/generic-password']],
    ['a token under a plain name', 'const accessToken = "k5qc9GfgYMF9K5qYSMHvt7XtAaISUJRKcFPMpBy7";', ['secret/generic-token']],
    ['a database URL whose password is not a placeholder', 'DATABASE_URL=postgres://app:Pw9s2LkQz7Xv@db.internal:5432/orders', ['secret/postgres-connection-string']],
    ['a curl password that does not name itself', 'curl -u admin:Zq8Wm3Kx7Tb2 https://api.example.com/', ['secret/curl-basic-auth']],
    ['a generated password (Secrets Manager sample output)', '{"password":"W)kD3oO)bbd$y1AA","username":"admin"}', ['secret/generic-password']],
    ['a refresh token (refresh is not a benign qualifier)', '"refreshToken": "k5qc9GfgYMF9K5qYSMHvt7XtAaISUJRKcFPMpBy7"', ['secret/generic-token']],
    ['a Heroku key in UUID form keeps its own rule', 'HEROKU_API_KEY=01234567-89ab-4cde-8f01-23456789abcd', ['secret/heroku-api-key']],
    [
      'a storage account other than the emulator',
      'DefaultEndpointsProtocol=https;AccountName=billingdocs;AccountKey=o17IDJtD5p16gIyLqm9tgE4kUebcrVT2IRBX6A2Wrkak88KchGpViPYkRcuc8753Gy1MV/jQm4uyU0FcjJ16fL==;',
      ['secret/azure-storage-connection-string'],
    ],
    ['one finding for a span two broad rules match: the access-key rule', '"RawSecretAccessKey": "DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9Zk6H/u9pSo="', ['secret/generic-api-key']],
  ])('%s', (_label, text, expected) => {
    expect(ids(text)).toEqual(expected);
  });
});
