/**
 * Secrets inside base64 payloads (EC2 `UserData`, Terraform `user_data_base64`, a Kubernetes
 * Secret's `data:`): the service decodes the value and uses it, so a private key or password in it
 * is as exposed as one written in clear, but no pattern sees it in the file. Each payload is decoded
 * (bounded) and scanned by the catalog; a finding points at the encoded value and says it was decoded.
 */
import type { FindingDraft } from '../build-findings.js';
import type { EncodedPayloadFact } from '../facts.js';
import type { Region } from '../finding.js';
import { decodeBase64Text } from '../secrets/base64-text.js';
import type { SecretEngine } from '../secrets/engine.js';

/** Encoded characters decoded per file, at most: many payloads cannot add up to unbounded work. */
export const MAX_DECODED_CHARS_PER_FILE = 4 * 1_048_576;

export interface DecodedPayloads {
  drafts: FindingDraft[];
  /** Where the payloads that decoded are written: a pattern matching their encoded text matched noise. */
  decoded: Region[];
}

export function decodedPayloadDrafts(payloads: EncodedPayloadFact[], engine: SecretEngine): DecodedPayloads {
  const drafts: FindingDraft[] = [];
  const decodedRegions: Region[] = [];
  let budget = MAX_DECODED_CHARS_PER_FILE;
  for (const p of payloads) {
    if (p.value.value.length > budget) break;
    const decoded = decodeBase64Text(p.value.value);
    if (decoded === undefined) continue;
    budget -= p.value.value.length;
    decodedRegions.push(p.value.region);
    for (const d of engine.draftsFor(decoded)) {
      drafts.push({
        ruleId: d.ruleId,
        message: `${d.message} in ${p.source}, once base64-decoded`,
        region: p.value.region,
        ...(d.secret !== undefined ? { secret: d.secret } : {}),
        // Where in the decoded text, so a reader can find it there (line 1 is the payload's first line).
        properties: { decodedFrom: 'base64', decodedLine: d.region.startLine },
      });
    }
  }
  return { drafts, decoded: decodedRegions };
}
