// The right pattern: the environment holds only a reference (an ARN); the value is fetched at run
// time, cached in memory with a TTL, and never logged or returned.
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'orders' });
const client = new SecretsManagerClient({});
const TTL_MS = 5 * 60 * 1000;
let cached: { value: string; expires: number } | undefined;

async function apiKey(): Promise<string> {
  if (cached && cached.expires > Date.now()) return cached.value;
  const result = await client.send(new GetSecretValueCommand({ SecretId: process.env.API_KEY_SECRET_ARN }));
  cached = { value: result.SecretString ?? '', expires: Date.now() + TTL_MS };
  return cached.value;
}

export async function handler(): Promise<{ statusCode: number; body: string }> {
  const key = await apiKey();
  logger.info('api key loaded', { length: key.length });
  const response = await fetch('https://api.example.com/orders', { headers: { authorization: `Bearer ${key}` } });
  return { statusCode: response.status, body: JSON.stringify({ ok: response.ok }) };
}
