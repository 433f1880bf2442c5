import { describe, expect, it } from 'vitest';
import { decodeBase64Text } from '@leakguard/core';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const SCRIPT = '#!/bin/bash\nyum install -y httpd\nsystemctl start httpd\n';

describe('decodeBase64Text', () => {
  it.each<[string, string, string]>([
    ['a user-data script', b64(SCRIPT), SCRIPT],
    ['a short Kubernetes Secret value', b64('Zq8vN3rTx7wLp2Kd'), 'Zq8vN3rTx7wLp2Kd'],
    ['one padding character', b64('admin123'), 'admin123'],
    ['wrapped at 76 characters (base64 -w76) with surrounding space', `  ${b64(SCRIPT.repeat(4)).replace(/(.{76})/g, '$1\n')}\n`, SCRIPT.repeat(4)],
    ['UTF-8 text', b64('mot de passe: été'), 'mot de passe: été'],
  ])('decodes %s', (_n, encoded, text) => {
    expect(decodeBase64Text(encoded)).toBe(text);
  });

  it.each<[string, string]>([
    ['a plain word that happens to be valid base64 of bytes', 'test'],
    ['a shell script in clear', SCRIPT],
    ['words with spaces', 'c2Vj cmV0'],
    ['not canonical (unused bits set)', 'YWJjZB=='],
    ['missing padding', b64('admin123').replace(/=+$/, '')],
    ['binary data', Buffer.from([0, 1, 2, 3, 255, 254, 10, 13]).toString('base64')],
    ['an AWS resource id', 'ami-04169656fea786776'],
    ['three characters', 'abc'],
    ['empty', ''],
  ])('leaves alone %s', (_n, value) => {
    expect(decodeBase64Text(value)).toBeUndefined();
  });

  it('decodes nothing over the bound, before decoding', () => {
    const big = b64('x'.repeat(3000));
    expect(decodeBase64Text(big, 4000)).toBe('x'.repeat(3000));
    expect(decodeBase64Text(big, 3999)).toBeUndefined();
  });
});
