/**
 * A function environment value the secret catalog recognises (an AWS access key id under the name
 * `foo`): the name says nothing, but the value is a credential in plaintext configuration all the
 * same, so `env/secret-literal` holds too. The view is made at the catalog finding's place, so
 * `oneAlertPerSecret` keeps one alert, under the catalog rule, naming `env/secret-literal`.
 */
import type { FindingDraft } from '../build-findings.js';
import type { EnvVarFact } from '../facts.js';
import { isSecretLikeName } from '../env/names.js';
import { regionWithin } from '../source-lines.js';
import { envHolder } from './judge.js';
import { CHECK_RULE_IDS } from './rules.js';
import { isSecretCandidate } from './values.js';

/** `env/secret-literal` views of catalog drafts that lie inside a literal environment value. */
export function envViewsOfCatalog(envVars: EnvVarFact[], catalog: FindingDraft[]): FindingDraft[] {
  const views: FindingDraft[] = [];
  const found = catalog.filter((d) => d.secret !== undefined && d.ruleId.startsWith('secret/') && !d.ruleId.startsWith('secret/literal-'));
  if (found.length === 0) return views;
  for (const e of envVars) {
    if (e.value.kind !== 'literal') continue;
    // The name already says secret: judgeEnvVar reports it.
    if (isSecretLikeName(e.name.value) && isSecretCandidate(e.value.text)) continue;
    const text = e.value.text;
    for (const d of found) {
      if (!regionWithin(d.region, e.valueRegion) || !text.includes(d.secret!.trim())) continue;
      views.push({
        ruleId: CHECK_RULE_IDS.envSecretLiteral,
        message: `${e.name.value} of ${envHolder(e)} holds a literal secret (${d.ruleId}); keep the secret in a secret store and put only its ARN or name in the environment.`,
        region: d.region,
        subject: `${e.functionName.split(', ')[0]}/env/${e.name.value}`,
        secret: d.secret!,
      });
    }
  }
  return views;
}
