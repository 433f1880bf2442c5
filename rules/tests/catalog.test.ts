/**
 * The catalog checks itself: every rule carries positive and negative examples, and every example
 * runs under BOTH regex engines (RE2, and JavaScript RegExp as used inside editors where the native
 * addon may not load). A positive must be reported by its rule at exactly the marked place
 * (`«secret»`); a negative must not be reported by its rule.
 */
import { describe, expect, it } from 'vitest';
import {
  checkRuleExamples,
  compileRegex,
  loadCatalog,
  parseExample,
  SecretEngine,
  validateRuleMeta,
  type CatalogRule,
  type RegexEngineName,
} from '../../packages/core/src/index.js';

const catalog = loadCatalog();
const ENGINES: RegexEngineName[] = ['re2', 'js'];
const engines = Object.fromEntries(ENGINES.map((e) => [e, new SecretEngine({ rules: catalog, regexEngine: e })])) as Record<RegexEngineName, SecretEngine>;

describe('the catalog as data', () => {
  it('has at least 200 rules with unique ids', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(200);
    expect(new Set(catalog.map((r) => r.id)).size).toBe(catalog.length);
  });

  it.each(catalog.map((r) => [r.id, r] as const))('%s has examples, marked positives and keywords that occur in them', (_id, rule: CatalogRule) => {
    expect(rule.examples.positive.length).toBeGreaterThan(0);
    expect(rule.examples.negative.length).toBeGreaterThan(0);
    for (const example of rule.examples.positive) {
      const { text, secrets } = parseExample(example);
      expect(secrets.length, 'a positive example marks its secret with «»').toBeGreaterThan(0);
      // The prefilter only runs a rule where one of its keywords occurs.
      expect(rule.keywords.some((k) => text.toLowerCase().includes(k)), `no keyword of ${rule.id} in a positive example`).toBe(true);
    }
  });

  it.each(catalog.map((r) => [r.id, r] as const))('%s compiles with RE2 and with JavaScript RegExp', (_id, rule: CatalogRule) => {
    for (const engine of ENGINES) {
      expect(() => compileRegex(rule.pattern, `g${rule.ignoreCase ? 'i' : ''}`, engine)).not.toThrow();
      for (const allow of rule.allow ?? []) expect(() => compileRegex(allow, 'i', engine)).not.toThrow();
    }
  });

  // RE2 compiles `x{10,1000}` into a thousand copies of `x`: every window where such a rule matches
  // then costs hundreds of microseconds to extract its groups (measured on real trees: one broad rule
  // took 0.8 ms a window). "At least n" is written `{n,}`; the rule's window bounds the match. A
  // format's own length range (`{138,300}` after a fixed prefix) keeps its bounds.
  it.each(catalog.map((r) => [r.id, r] as const))('%s writes "at least n" as {n,}, not as a wide counted repetition', (_id, rule: CatalogRule) => {
    const wide = [...rule.pattern.matchAll(/\{(\d+),(\d+)\}/g)].filter((m) => Number(m[2]) >= 100 && Number(m[1]) < 30).map((m) => m[0]);
    expect(wide).toEqual([]);
  });

  it.each(catalog.map((r) => [r.id, r] as const))('%s has valid rule metadata', (id) => {
    const meta = engines.re2.ruleMeta(id)!;
    expect(validateRuleMeta(meta)).toEqual([]);
    expect(meta.tags).toContain('security');
  });
});

describe.each(ENGINES)('every example under the %s engine', (engineName) => {
  it.each(catalog.map((r) => [r.id, r] as const))('%s', (_id, rule: CatalogRule) => {
    expect(checkRuleExamples(engines[engineName], rule)).toEqual([]);
  });
});

describe('coverage of the providers the catalog promises', () => {
  // Each entry: a provider and a rule id (or id prefix) that must exist.
  const promised: [string, string][] = [
    ['AWS access key id', 'secret/aws-access-key-id'],
    ['AWS key id with its secret', 'secret/aws-access-key-pair'],
    ['AWS secret access key', 'secret/aws-secret-access-key'],
    ['AWS session token', 'secret/aws-session-token'],
    ['AWS MWS', 'secret/aws-mws-auth-token'],
    ['GCP service-account key', 'secret/gcp-service-account-key'],
    ['GCP API key', 'secret/gcp-api-key'],
    ['GCP OAuth client secret', 'secret/gcp-oauth-client-secret'],
    ['Azure storage key', 'secret/azure-storage-account-key'],
    ['Azure storage connection string', 'secret/azure-storage-connection-string'],
    ['Azure SAS', 'secret/azure-sas-token'],
    ['Azure AD client secret', 'secret/azure-ad-client-secret'],
    ['Azure Cosmos DB', 'secret/azure-cosmosdb-key'],
    ['Azure Service Bus', 'secret/azure-service-bus-connection-string'],
    ['GitHub classic PAT', 'secret/github-pat'],
    ['GitHub OAuth', 'secret/github-oauth-token'],
    ['GitHub user-to-server', 'secret/github-user-to-server-token'],
    ['GitHub server-to-server', 'secret/github-server-to-server-token'],
    ['GitHub refresh', 'secret/github-refresh-token'],
    ['GitHub fine-grained PAT', 'secret/github-fine-grained-pat'],
    ['GitHub app private key', 'secret/github-app-private-key'],
    ['GitLab', 'secret/gitlab-'],
    ['Bitbucket', 'secret/bitbucket-'],
    ['npm', 'secret/npm-access-token'],
    ['PyPI', 'secret/pypi-'],
    ['NuGet', 'secret/nuget-'],
    ['RubyGems', 'secret/rubygems-'],
    ['Docker config auth', 'secret/docker-config-auth'],
    ['Stripe', 'secret/stripe-'],
    ['Square', 'secret/square-'],
    ['PayPal', 'secret/paypal-'],
    ['Braintree', 'secret/braintree-'],
    ['Shopify', 'secret/shopify-'],
    ['Slack tokens', 'secret/slack-bot-token'],
    ['Slack webhooks', 'secret/slack-webhook-url'],
    ['Twilio', 'secret/twilio-'],
    ['SendGrid', 'secret/sendgrid-'],
    ['Mailgun', 'secret/mailgun-'],
    ['Mailchimp', 'secret/mailchimp-'],
    ['Discord', 'secret/discord-'],
    ['Telegram', 'secret/telegram-'],
    ['OpenAI', 'secret/openai-'],
    ['Anthropic', 'secret/anthropic-'],
    ['Hugging Face', 'secret/huggingface-'],
    ['Datadog', 'secret/datadog-'],
    ['New Relic', 'secret/newrelic-'],
    ['Sentry', 'secret/sentry-'],
    ['PagerDuty', 'secret/pagerduty-'],
    ['Okta', 'secret/okta-'],
    ['Auth0', 'secret/auth0-'],
    ['HashiCorp Vault', 'secret/vault-'],
    ['Terraform Cloud', 'secret/terraform-cloud-'],
    ['Heroku', 'secret/heroku-'],
    ['DigitalOcean', 'secret/digitalocean-'],
    ['Cloudflare', 'secret/cloudflare-'],
    ['Atlassian', 'secret/atlassian-'],
    ['Databricks', 'secret/databricks-'],
    ['Snowflake', 'secret/snowflake-'],
    ['JWT', 'secret/jwt'],
    ['RSA key', 'secret/private-key-rsa'],
    ['EC key', 'secret/private-key-ec'],
    ['DSA key', 'secret/private-key-dsa'],
    ['OpenSSH key', 'secret/private-key-openssh'],
    ['PGP key', 'secret/private-key-pgp'],
    ['PKCS#8 key', 'secret/private-key-pkcs8'],
    ['PuTTY key', 'secret/private-key-putty'],
    ['PostgreSQL URL', 'secret/postgres-connection-string'],
    ['MySQL URL', 'secret/mysql-connection-string'],
    ['MongoDB URL', 'secret/mongodb-connection-string'],
    ['Redis URL', 'secret/redis-connection-string'],
    ['AMQP URL', 'secret/amqp-connection-string'],
    ['JDBC', 'secret/jdbc-connection-password'],
    ['SMTP URL', 'secret/smtp-connection-string'],
    ['Password in URL', 'secret/password-in-url'],
    ['.npmrc', 'secret/npmrc-auth-token'],
    ['.pypirc', 'secret/pypirc-password'],
    ['.netrc', 'secret/netrc-password'],
    ['.git-credentials', 'secret/git-credentials'],
    ['Generic password', 'secret/generic-password'],
    ['Generic secret', 'secret/generic-secret'],
    ['Generic token', 'secret/generic-token'],
    ['Generic API key', 'secret/generic-api-key'],
  ];
  it.each(promised)('%s is covered', (_what, id) => {
    expect(catalog.some((r) => (id.endsWith('-') ? r.id.startsWith(id) : r.id === id))).toBe(true);
  });
});
