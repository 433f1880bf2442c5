import { describe, expect, it } from 'vitest';
import { oneAlertPerSecret, type FindingDraft } from '@leakguard/core';

// Secrets are built at run time: no secret-looking literal in the repository.
const KEY = 'AKIA' + 'QX7M2K9P4R6T8W3Z';
const PASSWORD = 'Pr0d-' + 'Db-Passw0rd!2024';

const draft = (ruleId: string, secret: string | undefined, line: number, from: number, to: number): FindingDraft => ({
  ruleId,
  message: ruleId,
  region: { startLine: line, startColumn: from, endLine: line, endColumn: to },
  ...(secret === undefined ? {} : { secret }),
});
const view = (drafts: FindingDraft[]) => oneAlertPerSecret(drafts).map((d) => [d.ruleId, d.properties?.alsoReportedAs ?? '']);

describe('one secret, one alert', () => {
  it.each<[string, FindingDraft[], [string, string][]]>([
    ['a provider rule and the environment view: the provider rule, naming the other', [draft('env/secret-literal', KEY, 3, 10, 32), draft('secret/aws-access-key-id', KEY, 3, 11, 31)], [['secret/aws-access-key-id', 'env/secret-literal']]],
    ['the attribute view over a generic pattern', [draft('secret/generic-password', PASSWORD, 5, 20, 41), draft('secret/literal-secret-attribute', PASSWORD, 5, 19, 42)], [['secret/literal-secret-attribute', 'secret/generic-password']]],
    ['three views of one secret become one', [draft('secret/generic-secret', KEY, 2, 5, 25), draft('env/secret-literal', KEY, 2, 4, 26), draft('secret/aws-access-key-id', KEY, 2, 5, 25)], [['secret/aws-access-key-id', 'env/secret-literal, secret/generic-secret']]],
    ['a Dockerfile ENV: the provider rule, naming the container view', [draft('container/secret-in-env', KEY, 2, 5, 25), draft('secret/aws-access-key-id', KEY, 2, 5, 25)], [['secret/aws-access-key-id', 'container/secret-in-env']]],
    ['a workflow env over a generic pattern', [draft('secret/generic-env-assignment', PASSWORD, 6, 20, 41), draft('ci/plaintext-secret', PASSWORD, 6, 20, 41)], [['ci/plaintext-secret', 'secret/generic-env-assignment']]],
    ['a judge without the secret is another problem, kept', [draft('secret/aws-access-key-id', KEY, 2, 5, 25), draft('kms/lambda-env-without-cmk', undefined, 2, 1, 40)], [['secret/aws-access-key-id', ''], ['kms/lambda-env-without-cmk', '']]],
    ['the same secret on two lines stays two alerts', [draft('secret/aws-access-key-id', KEY, 2, 5, 25), draft('env/secret-literal', KEY, 9, 5, 25)], [['secret/aws-access-key-id', ''], ['env/secret-literal', '']]],
    ['two secrets side by side stay two alerts', [draft('secret/aws-access-key-id', KEY, 2, 5, 25), draft('secret/generic-password', PASSWORD, 2, 30, 50)], [['secret/aws-access-key-id', ''], ['secret/generic-password', '']]],
    ['findings without a secret are untouched', [draft('iam/wildcard-action', undefined, 2, 5, 8), draft('kms/lambda-env-without-cmk', undefined, 2, 1, 40)], [['iam/wildcard-action', ''], ['kms/lambda-env-without-cmk', '']]],
  ])('%s', (_name, drafts, expected) => {
    expect(view(drafts)).toEqual(expected);
  });
});
