/**
 * Terraform user data: `user_data_base64` (and a launch template's `user_data`, base64 by the API)
 * decoded and scanned; `base64encode("...")` and heredocs are plain text the catalog reads where
 * they are written. A Lambda environment value only the catalog recognises gets the environment view.
 */
import { describe, expect, it } from 'vitest';
import { SecretEngine, oneAlertPerSecret } from '@leakguard/core';
import { TerraformScanner } from '@leakguard/scanner-terraform';
import { planted } from '../../cloudformation/tests/helpers.js';

const scanner = new TerraformScanner();
const engine = new SecretEngine();
const { password: PASSWORD, awsKeyId: KEY_ID, b64 } = planted;
const PEM = planted.pem('RSA');

async function summary(text: string): Promise<string[]> {
  const out = await scanner.scan({ path: 'main.tf', text }, { secrets: engine });
  return oneAlertPerSecret(out.drafts).map((d) => `${d.ruleId}@${d.region.startLine}${d.properties?.alsoReportedAs ? ` (also ${d.properties.alsoReportedAs})` : ''}`).sort();
}
const resource = (type: string, body: string) => `resource "${type}" "web" {\n  ami = "ami-04169656fea786776"\n${body}}\n`;

describe('Terraform user data', () => {
  it.each<[string, string, string[]]>([
    ['a private key in user_data_base64', resource('aws_instance', `  user_data_base64 = "${b64(`#!/bin/bash\necho '${PEM}' > /root/.ssh/id_rsa\n`)}"\n`), ['secret/private-key-rsa@3']],
    ['a password in user_data_base64', resource('aws_instance', `  user_data_base64 = "${b64(`#!/bin/bash\nexport DB_PASSWORD=${PASSWORD}\n`)}"\n`), ['secret/generic-env-assignment@3']],
    ['a launch template\'s base64 user_data', resource('aws_launch_template', `  user_data = "${b64(`aws configure set aws_access_key_id ${KEY_ID}\n`)}"\n`), ['secret/aws-access-key-id@3']],
    ['base64encode of a literal (in clear: reported at its line)', resource('aws_launch_template', `  user_data = base64encode(<<-EOT\n    #!/bin/bash\n    export DB_PASSWORD=${PASSWORD}\n  EOT\n  )\n`), ['secret/generic-env-assignment@5']],
    ['a heredoc user_data (in clear)', resource('aws_instance', `  user_data = <<EOF\n#!/bin/bash\nexport DB_PASSWORD=${PASSWORD}\nEOF\n`), ['secret/generic-env-assignment@5']],
  ])('%s', async (_n, text, expected) => {
    expect(await summary(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['a base64 script with no secret', resource('aws_instance', `  user_data_base64 = "${b64('#!/bin/bash\nyum install -y httpd\n')}"\n`)],
    ['a base64 script with a placeholder', resource('aws_instance', `  user_data_base64 = "${b64('#!/bin/bash\nexport DB_PASSWORD=changeme\n')}"\n`)],
    ['user data from a file', resource('aws_instance', '  user_data_base64 = filebase64("${path.module}/init.sh")\n')],
    ['a plain user_data that is not base64', resource('aws_instance', '  user_data = "echo hello"\n')],
  ])('%s: nothing', async (_n, text) => {
    expect(await summary(text)).toEqual([]);
  });

  it('says the secret was decoded', async () => {
    const out = await scanner.scan({ path: 'main.tf', text: resource('aws_instance', `  user_data_base64 = "${b64(`export DB_PASSWORD=${PASSWORD}\n`)}"\n`) }, { secrets: engine });
    expect(out.drafts.map((d) => d.message)).toEqual(['Secret in an environment or properties file found in aws_instance.web.user_data_base64, once base64-decoded']);
  });
});

describe('Terraform Lambda environment: a value the catalog recognises under a name that says nothing', () => {
  const lambda = (vars: string) => `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/k"\n  environment {\n    variables = {\n${vars}    }\n  }\n}\n`;
  it('one alert under the catalog rule, naming env/secret-literal', async () => {
    expect(await summary(lambda(`      foo = "${KEY_ID}"\n`))).toEqual(['secret/aws-access-key-id@6 (also env/secret-literal)']);
  });
  it('a value no rule knows under such a name is not reported', async () => {
    expect(await summary(lambda(`      foo = "${PASSWORD}"\n`))).toEqual([]);
  });
});
