/**
 * Planted secrets for output-safety tests: fake values in real formats, built at run time so this
 * file holds no complete secret.
 */
import { randomBytes } from 'node:crypto';

const body = randomBytes(900).toString('base64').replace(/(.{64})/g, '$1\n').trim();
export const PEM_KEY = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;

const alnum = (n: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(n)].map((b) => chars[b % chars.length]).join('');
};
const upper32 = (n: number) => [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');

/** Secrets that must never appear in any output, whichever rules find them. */
export const PLANTED = {
  awsAccessKeyId: `AKIA${upper32(16)}`,
  awsSecretKey: `${alnum(30)}/${alnum(9)}`,
  stripe: `sk_live_${alnum(24)}`,
  slack: `xoxb-${Date.now()}-${Date.now() + 7}-${alnum(24)}`,
  password: `Pw-${alnum(18)}!`,
  pemBody: body.split('\n')[3]!,
};
