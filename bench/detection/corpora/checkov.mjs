// checkov's check tests: tests/{terraform,cloudformation}/checks/<kind>/aws/test_<Check>.py runs the
// check on example_<Check>/ and lists the resources it must pass and fail (`passing_resources`,
// `failing_resources`); tests that only count results are labelled by their files' names
// (`*PASSED*` / `*FAILED*`, `pass` / `fail`) for the check's own resource types
// (`supported_resources` in checkov/<...>/<Check>.py). Only checks that mean what one of our rules
// means are used: MAPPING names, per check class, the rules whose finding on the resource counts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const SECRET = ['secret/*', 'env/secret-literal'];
const PRINCIPAL = ['iam/wildcard-principal'];
const ACTION = ['iam/wildcard-action'];
export const MAPPING = {
  IAMAdminPolicyDocument: ACTION, AdminPolicyDocument: ACTION,
  IAMStarActionPolicyDocument: ACTION, StarActionPolicyDocument: ACTION,
  IAMStarResourcePolicyDocument: ['iam/wildcard-resource', 'iam/wildcard-action'],
  ResourcePolicyDocument: ['iam/wildcard-resource', 'iam/wildcard-action'],
  SQSPolicy: ['iam/wildcard-action', 'iam/service-wildcard-action'],
  IAMManagedAdminPolicy: ['iam/admin-policy-attached'],
  IAMRoleAllowsPublicAssume: PRINCIPAL, KMSKeyWildcardPrincipal: PRINCIPAL, KMSKeyWildCardPrincipal: PRINCIPAL,
  ECRPolicy: PRINCIPAL, GlacierVaultAnyPrincipal: PRINCIPAL, S3AllowsAnyPrincipal: PRINCIPAL,
  SNSTopicPolicyAnyPrincipal: PRINCIPAL, SQSQueuePolicyAnyPrincipal: PRINCIPAL, LambdaFunctionIsNotPublic: PRINCIPAL,
  KMSRotation: ['rotation/kms-key-without-rotation'],
  // Not mapped: LambdaEnvironmentEncryptionSettings (CKV_AWS_173) fails any environment without a
  // CMK; kms/lambda-env-without-cmk is about environments that carry secret values.
  SecretManagerSecretEncrypted: ['kms/secret-without-cmk'],
  LambdaEnvironmentCredentials: SECRET, EC2Credentials: SECRET, ParameterStoreCredentials: SECRET,
};

function setLiteral(src, name) {
  const m = new RegExp(`${name}\\s*=\\s*(?:set\\()?[\\[{]([^\\]}]*)[\\]}]`).exec(src);
  return m ? [...m[1].matchAll(/["']([^"']+)["']/g)].map((x) => x[1]) : undefined;
}

function walkFiles(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walkFiles(p) : [p];
  });
}

export function checkovCases(root) {
  const cases = [];
  const skipped = [];
  for (const [framework, kinds] of [['terraform', ['resource', 'data']], ['cloudformation', ['resource']]]) {
    for (const kind of kinds) {
      const testDir = join(root, 'tests', framework, 'checks', kind, 'aws');
      if (!existsSync(testDir)) continue;
      for (const test of readdirSync(testDir).filter((f) => /^test_.*\.py$/.test(f)).sort()) {
        const check = test.slice(5, -3);
        const rules = MAPPING[check];
        if (!rules) continue;
        const src = readFileSync(join(testDir, test), 'utf8');
        const exampleName = /["'/](example_[A-Za-z0-9_]+)["']/.exec(src)?.[1] ?? `example_${check}`;
        const exampleDir = join(testDir, exampleName);
        const checkSrcPath = join(root, 'checkov', framework, 'checks', kind, 'aws', `${check}.py`);
        const checkSrc = existsSync(checkSrcPath) ? readFileSync(checkSrcPath, 'utf8') : '';
        const checkId = /id\s*=\s*["'](CKV2?_AWS_\d+)["']/.exec(checkSrc)?.[1] ?? check;
        if (!existsSync(exampleDir)) {
          skipped.push(`${framework}/${check}: inline test, no example folder`);
          continue;
        }
        const files = walkFiles(exampleDir).filter((p) => /\.(tf|ya?ml|json|template)$/.test(p));
        const labels = new Map();
        const passing = setLiteral(src, 'passing_resources');
        const failing = setLiteral(src, 'failing_resources');
        if (passing || failing) {
          for (const r of passing ?? []) labels.set(r, 'negative');
          for (const r of failing ?? []) labels.set(r, 'positive');
        } else {
          const types = setLiteral(checkSrc, 'supported_resources') ?? [];
          for (const f of files) {
            const name = basename(f).toLowerCase();
            const expect = /fail/.test(name) ? 'positive' : /pass/.test(name) ? 'negative' : undefined;
            if (!expect) continue;
            labels.set(`file:${relative(exampleDir, f)}`, { expect, types });
          }
          if (!labels.size) {
            skipped.push(`${framework}/${check}: counts only, no labelled files`);
            continue;
          }
        }
        const group = `${framework}/${check}`;
        const caseFiles = files.map((f) => ({ name: relative(exampleDir, f), source: f }));
        for (const [address, label] of labels) {
          const expect = typeof label === 'string' ? label : label.expect;
          cases.push({
            corpus: 'checkov', rule: `${checkId} ${check}`, id: `${group}:${address}`, expect, group, files: caseFiles,
            iac: { framework, rules, address: typeof label === 'string' ? address : undefined, file: typeof label === 'string' ? undefined : address.slice(5), types: typeof label === 'string' ? undefined : label.types },
          });
        }
      }
    }
  }
  return { cases, skipped };
}
