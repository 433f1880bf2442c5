import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const logger = new Logger({ serviceName: 'orders' });

// MISTAKE(secret): a live Stripe key written into the code.
const STRIPE_KEY = 'sk_live_24hOSDRET79IqJzQtJZPGSEZ';

// MISTAKE(secret): a Slack bot token in the code.
const slackToken = 'xoxb-663440029787-5347787680457-6ZgCSTY9GqC79l9B1UE8ePr5';

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  // MISTAKE(env): the database password is read from a plaintext environment variable.
  const dbPassword = process.env.DB_PASSWORD;

  // MISTAKE(logging): the incoming bearer token is written to the logs.
  const auth = event.headers.authorization;
  logger.info(`request authorised with ${auth}`);

  // MISTAKE(uncached fetch): the secret is fetched on every invocation, with no module-level cache.
  const client = new SecretsManagerClient({});
  const result = await client.send(new GetSecretValueCommand({ SecretId: process.env.API_SECRET_ARN }));
  const apiKey = result.SecretString;

  // MISTAKE(logging): the secret value itself is logged.
  console.log('fetched api key', apiKey);

  // MISTAKE(response): the secret is returned in the response body.
  return {
    statusCode: 200,
    body: JSON.stringify({ ok: true, debug: { dbPassword, stripe: STRIPE_KEY.length, slack: slackToken.length } }),
  };
}
