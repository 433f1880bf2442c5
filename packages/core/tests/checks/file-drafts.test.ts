/**
 * What the IaC scanners share through `factFileDrafts`: secrets inside base64 payloads (decoded,
 * reported at the encoded value) and the environment's view of catalog findings (one alert after
 * `oneAlertPerSecret`, under the catalog rule, naming `env/secret-literal`).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SecretEngine,
  classifyLiteral,
  emptyFactSet,
  factFileDrafts,
  lineStarts,
  oneAlertPerSecret,
  regionOf,
  type EnvVarFact,
  type FactSet,
} from '@leakguard/core';

const engine = new SecretEngine();
// Secrets are built at run time: no secret-looking literal in the repository.
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${randomBytes(600).toString('base64').replace(/(.{64})/g, '$1\n').trim()}\n-----END RSA PRIVATE KEY-----`;
const KEY_ID = 'AKIA' + 'Z3MHJ2NQWX7RT4PE';
const PASSWORD = 'Zq8vN3r' + 'Tx7wLp2Kd';
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A one-attribute file `key: <value>` on line 2, its value as an encoded payload. */
function payloadFile(value: string): { text: string; facts: FactSet } {
  const text = `# user data\nUserData: ${value}\n`;
  const starts = lineStarts(text);
  const at = text.indexOf(value);
  const facts = emptyFactSet();
  facts.encodedPayloads.push({ source: 'Resources.Web.Properties.UserData', value: { value, region: regionOf(starts, at, at + value.length) } });
  return { text, facts };
}
const run = ({ text, facts }: { text: string; facts: FactSet }) => oneAlertPerSecret(factFileDrafts(facts, text, lineStarts(text), engine));

describe('base64 payloads: decoded and scanned', () => {
  it.each<[string, string, string[]]>([
    ['a private key written into a file by the script', b64(`#!/bin/bash\ncat > /root/.ssh/id_rsa <<EOF\n${PEM}\nEOF\n`), ['secret/private-key-rsa']],
    ['a password exported by the script', b64(`#!/bin/bash\nexport DB_PASSWORD=${PASSWORD}\n`), ['secret/generic-env-assignment']],
    ['an access key id', b64(`aws configure set aws_access_key_id ${KEY_ID}\n`), ['secret/aws-access-key-id']],
  ])('%s', (_n, value, rules) => {
    const drafts = run(payloadFile(value));
    expect(drafts.map((d) => d.ruleId)).toEqual(rules);
    for (const d of drafts) {
      // At the encoded attribute, saying it was decoded; the secret is the decoded one.
      expect(d.region).toMatchObject({ startLine: 2, startColumn: 11, endLine: 2 });
      expect(d.message).toMatch(/in Resources\.Web\.Properties\.UserData, once base64-decoded$/);
      expect(d.properties).toMatchObject({ decodedFrom: 'base64' });
      expect(value).not.toContain(d.secret);
    }
  });

  it.each<[string, string]>([
    ['a script with no secret', b64('#!/bin/bash\nyum install -y httpd\nsystemctl enable --now httpd\n')],
    ['a script reading its password from Secrets Manager', b64('#!/bin/bash\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)\n')],
    ['a placeholder password', b64('#!/bin/bash\nexport DB_PASSWORD=changeme\n')],
    ['a value that is not base64 (a script in clear)', '#!/bin/bash'],
  ])('%s: nothing', (_n, value) => {
    expect(run(payloadFile(value))).toEqual([]);
  });

  it('a pattern matching the encoded text of a decoded payload is dropped (base64 noise, not a secret)', () => {
    // The file line `password: <base64>` looks like an assignment to the catalog; decoded, it is a placeholder.
    const value = b64('changeme-placeholder-value');
    const text = `password: ${value}\n`;
    const starts = lineStarts(text);
    expect(engine.draftsFor(text, starts).map((d) => d.ruleId)).not.toEqual([]);
    const facts = emptyFactSet();
    facts.encodedPayloads.push({ source: 'Secret/db.data.password', value: { value, region: regionOf(starts, 10, 10 + value.length) } });
    expect(factFileDrafts(facts, text, starts, engine)).toEqual([]);
  });
});

describe('function environments: a value the catalog recognises under any name', () => {
  function envFile(name: string, value: string): { text: string; facts: FactSet } {
    const text = `Variables:\n  ${name}: ${value}\n`;
    const starts = lineStarts(text);
    const at = text.indexOf(value, text.indexOf(name) + name.length);
    const facts = emptyFactSet();
    const fact: EnvVarFact = { platform: 'aws-lambda', functionName: 'Fn', name: { value: name, region: regionOf(starts, 12, 12 + name.length) }, value: classifyLiteral(value), valueRegion: regionOf(starts, at, at + value.length) };
    facts.envVars.push(fact);
    return { text, facts };
  }
  const view = (f: { text: string; facts: FactSet }) => run(f).map((d) => [d.ruleId, d.properties?.alsoReportedAs ?? '']);

  it.each<[string, string, string, [string, string][]]>([
    ['an access key id under the name foo: one alert, under the catalog rule, naming env/secret-literal', 'foo', KEY_ID, [['secret/aws-access-key-id', 'env/secret-literal']]],
    ['under a secret-like name: the same one alert', 'AWS_ACCESS_KEY', KEY_ID, [['secret/aws-access-key-id', 'env/secret-literal']]],
    ['a password under a secret-like name: the environment view, over the generic pattern', 'DB_PASSWORD', PASSWORD, [['env/secret-literal', 'secret/generic-env-assignment']]],
    ['a value no rule knows under the name foo: nothing', 'foo', PASSWORD, []],
    ['an ARN under the name foo: nothing', 'foo', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', []],
  ])('%s', (_n, name, value, expected) => {
    expect(view(envFile(name, value))).toEqual(expected);
  });

  it('the view is made only for literals (a reference holding a key id is not a literal)', () => {
    const f = envFile('foo', KEY_ID);
    f.facts.envVars[0]!.value = { kind: 'unresolved', text: KEY_ID };
    expect(view(f)).toEqual([['secret/aws-access-key-id', '']]);
  });
});
