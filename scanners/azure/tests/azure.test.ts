import { beforeAll, describe, expect, it } from 'vitest';
import { oneAlertPerSecret } from '@leakguard/core';
import { AzureScanner, bicepReady, parseBicep } from '../src/index.js';
import { engine, planted } from '../../cloudformation/tests/helpers.js';

const scanner = new AzureScanner();
beforeAll(() => scanner.init());

/** Planted secrets are built at run time, so no secret-looking literal is committed. */
const PW = ['Pr0d', 'Db', 'Passw0rd!2024'].join('-');
const KEY = 'k-' + '7c2e9a41b6d05f83ea';

async function findings(path: string, text: string) {
  const out = await scanner.scan({ path, text }, { secrets: engine });
  return { ids: out.drafts.map((d) => d.ruleId).sort(), drafts: out.drafts, notifications: out.notifications };
}

const site = (settings: string, before = ''): string =>
  `${before}resource fn 'Microsoft.Web/sites@2022-03-01' = {\n  name: 'orders-fn'\n  kind: 'functionapp'\n  properties: {\n    siteConfig: {\n      appSettings: [\n${settings}      ]\n    }\n  }\n}\n`;

describe('an app setting the catalog recognises under a name that says nothing', () => {
  it('is one alert under the catalog rule, naming env/secret-literal', async () => {
    const { drafts } = await findings('main.bicep', site(`        { name: 'foo', value: '${planted.awsKeyId}' }\n`));
    expect(oneAlertPerSecret(drafts).map((d) => [d.ruleId, d.properties?.alsoReportedAs])).toEqual([['secret/aws-access-key-id', 'env/secret-literal']]);
  });
  it('a value no rule knows under such a name is not reported', async () => {
    expect((await findings('main.bicep', site(`        { name: 'foo', value: '${KEY}' }\n`))).ids).toEqual([]);
  });
});

describe('Bicep: findings', () => {
  it.each<[string, string, string[]]>([
    ['a literal app setting', site(`        { name: 'DB_PASSWORD', value: '${PW}' }\n`), ['env/secret-literal']],
    ['a multi-line literal app setting', site(`        {\n          name: 'API_KEY'\n          value: '${KEY}'\n        }\n`), ['env/secret-literal']],
    ['an app setting from a parameter without @secure()', site(`        { name: 'DB_PASSWORD', value: dbPassword }\n`, 'param dbPassword string\n'), ['env/deploy-time-secret', 'secret/sensitive-not-marked']],
    ['an app setting from a variable holding a literal', site(`        { name: 'API_KEY', value: apiKey }\n`, `var apiKey = '${KEY}'\n`), ['env/secret-literal']],
    ['a secret-like parameter without @secure()', 'param adminPassword string\n', ['secret/sensitive-not-marked']],
    ['a parameter default holding a secret', `@secure()\nparam apiToken string = '${KEY}'\n`, ['secret/literal-default']],
    ['a sites/config appsettings child', `resource cfg 'Microsoft.Web/sites/config@2022-03-01' = {\n  parent: fn\n  name: 'appsettings'\n  properties: {\n    WEBHOOK_SECRET: '${KEY}'\n  }\n}\n`, ['env/secret-literal']],
    ['a nested config child', `resource fn 'Microsoft.Web/sites@2022-03-01' = {\n  name: 'f'\n  resource cfg 'config' = {\n    name: 'appsettings'\n    properties: {\n      STRIPE_SECRET_KEY: '${KEY}'\n    }\n  }\n}\n`, ['env/secret-literal']],
    ['a Key Vault secret without expiry', `resource s 'Microsoft.KeyVault/vaults/secrets@2023-02-01' = {\n  parent: kv\n  name: 'db-password'\n  properties: {\n    value: dbPassword\n  }\n}\n@secure()\nparam dbPassword string\n`, ['rotation/keyvault-secret-without-expiry']],
    ['a literal secret inside a *Configuration map (a container, not a setting)', `resource idp 'Microsoft.Web/sites/config@2022-03-01' = {\n  name: 'authsettingsV2'\n  properties: {\n    identityProviders: {\n      azureActiveDirectory: {\n        registrationConfiguration: {\n          clientId: 'c'\n          clientSecret: '${PW}'\n        }\n      }\n    }\n  }\n}\n`, ['secret/literal-secret-attribute']],
    ['a literal secret-named property of another resource', `resource sql 'Microsoft.Sql/servers@2022-05-01-preview' = {\n  name: 's'\n  properties: {\n    administratorLogin: 'dba'\n    administratorLoginPassword: '${PW}'\n  }\n}\n`, ['secret/literal-secret-attribute']],
  ])('%s', async (_n, text, expected) => {
    expect((await findings('infra/main.bicep', text)).ids).toEqual([...expected].sort());
  });
});

describe('Bicep: the good patterns and near-misses pass', () => {
  it.each<[string, string]>([
    ['a Key Vault reference', site("        { name: 'DB_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=${kv::db.properties.secretUri})' }\n")],
    ['a Key Vault reference by name', site("        { name: 'API_KEY', value: '@Microsoft.KeyVault(VaultName=orders-kv;SecretName=api-key)' }\n")],
    ['a @secure() parameter', site("        { name: 'DB_PASSWORD', value: dbPassword }\n", '@secure()\nparam dbPassword string\n')],
    ['a storage connection string built from listKeys()', site("        { name: 'AzureWebJobsStorage', value: 'DefaultEndpointsProtocol=https;AccountName=${st.name};AccountKey=${st.listKeys().keys[0].value}' }\n")],
    ['non-secret settings', site("        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }\n        { name: 'TOKEN_TTL', value: '3600' }\n")],
    ['a secret-named parameter holding a reference', "param dbPasswordSecretName string = 'db-password'\n"],
    ['a parameter naming a Key Vault secret (an upper-case constant)', "param connectionStringKey string = 'AZURE-SQL-CONNECTION-STRING'\n"],
    ['the azd resource token (a name suffix)', "param resourceToken string\nvar token = toLower(uniqueString(subscription().id))\n"],
    ['a Key Vault secret with an expiry', "resource s 'Microsoft.KeyVault/vaults/secrets@2023-02-01' = {\n  name: 'kv/db'\n  properties: {\n    value: dbPassword\n    attributes: { exp: 1767225600 }\n  }\n}\n@secure()\nparam dbPassword string\n"],
    ['a conditional resource with a reference', "resource fn 'Microsoft.Web/sites@2022-03-01' = if (deploy) {\n  name: 'f'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'API_KEY', value: '@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/k/)' }\n      ]\n    }\n  }\n}\n"],
  ])('%s', async (_n, text) => {
    expect((await findings('infra/main.bicep', text)).ids).toEqual([]);
  });

  it('points at the value, and a parse error is a notification with what parsed kept', async () => {
    const { drafts } = await findings('main.bicep', site(`        { name: 'DB_PASSWORD', value: '${PW}' }\n`));
    expect(drafts[0]?.region).toMatchObject({ startLine: 7, startColumn: 40 });
    const broken = await findings('main.bicep', site(`        { name: 'DB_PASSWORD', value: '${PW}' }\n`) + 'resource x = {\n');
    expect(broken.ids).toEqual(['env/secret-literal']);
    expect(broken.notifications[0]?.kind).toBe('parse-error');
  });

  it('deep nesting is bounded', async () => {
    const deep = `var x = ${'['.repeat(500)}${']'.repeat(500)}\n`;
    const out = await findings('main.bicep', deep);
    expect(out.ids).toEqual([]);
    expect(out.notifications.length).toBeGreaterThan(0);
  });
});

const arm = (parameters: string, resources: string, variables = '{}'): string =>
  `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": ${parameters},\n  "variables": ${variables},\n  "resources": ${resources}\n}\n`;
const armSite = (settings: string): string =>
  `[{ "type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "orders-fn", "kind": "functionapp", "properties": { "siteConfig": { "appSettings": [${settings}] } } }]`;

describe('ARM templates', () => {
  it.each<[string, string, string[]]>([
    ['a literal app setting', arm('{}', armSite(`{ "name": "DB_PASSWORD", "value": "${PW}" }`)), ['env/secret-literal']],
    ['an app setting from a string parameter', arm('{ "dbPassword": { "type": "string" } }', armSite(`{ "name": "DB_PASSWORD", "value": "[parameters('dbPassword')]" }`)), ['env/deploy-time-secret', 'secret/sensitive-not-marked']],
    ['a string parameter with a literal default', arm(`{ "apiKey": { "type": "string", "defaultValue": "${KEY}" } }`, '[]'), ['secret/literal-default', 'secret/sensitive-not-marked']],
    ['a sites/config appsettings resource', arm('{}', `[{ "type": "Microsoft.Web/sites/config", "apiVersion": "2022-03-01", "name": "orders-fn/appsettings", "properties": { "API_TOKEN": "${KEY}" } }]`), ['env/secret-literal']],
    ['a nested config resource', arm('{}', `[{ "type": "Microsoft.Web/sites", "name": "f", "resources": [{ "type": "config", "name": "appsettings", "properties": { "API_TOKEN": "${KEY}" } }] }]`), ['env/secret-literal']],
  ])('%s', async (_n, text, expected) => {
    expect((await findings('azuredeploy.json', text)).ids).toEqual([...expected].sort());
  });

  it.each<[string, string]>([
    ['a securestring parameter', arm('{ "dbPassword": { "type": "securestring" } }', armSite(`{ "name": "DB_PASSWORD", "value": "[parameters('dbPassword')]" }`))],
    ['a Key Vault reference built with concat()', arm('{}', armSite(`{ "name": "API_KEY", "value": "[concat('@Microsoft.KeyVault(SecretUri=', reference('s').secretUriWithVersion, ')')]" }`))],
    ['a Key Vault reference through a variable', arm('{}', armSite(`{ "name": "API_KEY", "value": "[variables('apiKeyRef')]" }`), '{ "apiKeyRef": "@Microsoft.KeyVault(VaultName=kv;SecretName=api-key)" }')],
    ['an expression default', arm('{ "sqlPassword": { "type": "securestring", "defaultValue": "[newGuid()]" } }', '[]')],
    ['non-secret settings', arm('{}', armSite('{ "name": "FUNCTIONS_EXTENSION_VERSION", "value": "~4" }'))],
    ['Logic Apps expressions in a workflow definition', arm('{}', `[{ "type": "Microsoft.Logic/workflows", "name": "w", "properties": { "definition": { "actions": { "a": { "inputs": { "lockToken": "@triggerBody()?['LockToken']", "secret": "@{parameters('s')}" } } } } } }]`)],
    ['a VM extension protected-settings reference', arm('{}', `[{ "type": "Microsoft.Compute/virtualMachines/extensions", "name": "vm/dsc", "properties": { "settings": { "SQLAuthCreds": { "userName": "sa", "Password": "privateSettingsRef:SqlAuthPassword" } } } }]`)],
  ])('%s passes', async (_n, text) => {
    expect((await findings('azuredeploy.json', text)).ids).toEqual([]);
  });

  it('reads a template with comments, at the positions of the file', async () => {
    const text = arm('{}', armSite(`// settings\n      { "name": "DB_PASSWORD", /* inline */ "value": "${PW}" }`)).replace('"contentVersion"', '// a comment with "quotes" and // inside\n  "contentVersion"');
    const out = await findings('azuredeploy.json', text);
    expect(out.notifications).toEqual([]);
    expect(out.ids).toEqual(['env/secret-literal']);
    const line = text.split('\n').findIndex((l) => l.includes(PW)) + 1;
    expect(out.drafts[0]?.region.startLine).toBe(line);
  });

  it('JSON that is not an ARM template is not taken', () => {
    expect(scanner.accepts({ path: 'package.json', text: '{"name": "x"}' })).toBe(false);
  });
});

describe('Azure Functions local.settings.json', () => {
  const settings = (values: string, encrypted = false) => `{\n  "IsEncrypted": ${encrypted},\n  "Values": {\n    "FUNCTIONS_WORKER_RUNTIME": "node",\n${values}\n  }\n}\n`;
  it('judges Values as the function environment', async () => {
    expect((await findings('api/local.settings.json', settings(`    "DB_PASSWORD": "${PW}"`))).ids).toEqual(['env/secret-literal']);
  });
  it.each<[string, string]>([
    ['the storage emulator', settings('    "AzureWebJobsStorage": "UseDevelopmentStorage=true"')],
    ['a Key Vault reference', settings('    "API_KEY": "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/k/)"')],
    ['an empty value to fill in', settings('    "API_KEY": ""')],
    ['a token a release pipeline replaces', settings('    "MicrosoftVisionApiKey": "__MicrosoftVisionApiKey__",\n    "DbPassword": "#{DbPassword}#"')],
    ['encrypted values', settings(`    "DB_PASSWORD": "${PW}"`, true)],
  ])('%s passes', async (_n, text) => {
    expect((await findings('local.settings.json', text)).ids).toEqual([]);
  });
});

describe('Bicep: a parser that aborts', () => {
  // The abort is simulated by a call the binding rejects (as in the Terraform scanner's test): any
  // failure inside `parse` leaves the WebAssembly instance suspect, so the path is the same.
  it('is a notification for that file, and the next file gets a fresh instance and keeps its findings', async () => {
    const parsed = parseBicep(42 as unknown as string);
    expect(parsed.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('the parser aborted') })]);
    expect(bicepReady()).toBe(false);
    expect((await findings('infra/main.bicep', site(`        { name: 'DB_PASSWORD', value: '${PW}' }\n`))).ids).toEqual(['env/secret-literal']);
    expect(bicepReady()).toBe(true);
  });
});
