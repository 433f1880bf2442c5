/**
 * Everything an infrastructure file's facts and text give, as drafts: the judges on the facts, the
 * secret catalog over the text, the catalog inside decoded payloads, and the environment's view of
 * catalog findings. One place, so every IaC scanner reports the same things the same way.
 */
import type { FindingDraft } from '../build-findings.js';
import type { FactSet } from '../facts.js';
import type { SecretEngine } from '../secrets/engine.js';
import { regionWithin } from '../source-lines.js';
import { decodedPayloadDrafts } from './decoded-payloads.js';
import { envViewsOfCatalog } from './env-catalog.js';
import { issuesToDrafts, judgeFacts } from './judge.js';

export function factFileDrafts(facts: FactSet, text: string, starts: number[], engine: SecretEngine): FindingDraft[] {
  const payloads = decodedPayloadDrafts(facts.encodedPayloads, engine);
  // A pattern that matched the encoded text of a payload read decoded saw base64 noise, not a secret.
  const catalog = engine.draftsFor(text, starts).filter((d) => !payloads.decoded.some((r) => regionWithin(d.region, r)));
  return [...issuesToDrafts(judgeFacts(facts), text), ...catalog, ...envViewsOfCatalog(facts.envVars, catalog), ...payloads.drafts];
}
