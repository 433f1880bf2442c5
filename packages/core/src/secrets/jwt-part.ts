/**
 * One dot-separated part of a JSON Web Token (header or payload), decoded from base64url and
 * parsed as JSON; undefined when it is neither. The JWT validator reads the header, the expiry
 * check the payload. (Node's base64url decoder also takes the `+` and `/` of plain base64.)
 */
export function jwtPartJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
