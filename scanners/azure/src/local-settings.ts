/**
 * Azure Functions `local.settings.json`: its `Values` are the function app's settings when run
 * locally (and what `func azure functionapp publish --publish-local-settings` uploads), its
 * `ConnectionStrings` too. Judged as a function environment, unless the file says it is encrypted.
 */
import { classifyLiteral, emptyFactSet, regionOf, type FactSet } from '@leakguard/core';
import { get, scalarText, type PNode } from '@leakguard/scanner-cloudformation';

export const LOCAL_SETTINGS = /(^|\/)local\.settings\.json$/i;

export function localSettingsFacts(root: PNode, starts: number[], path: string): FactSet {
  const facts = emptyFactSet();
  // `func settings encrypt` turns the values into ciphertext (bound to the machine's key).
  if (scalarText(get(root, 'IsEncrypted')) === 'true') return facts;
  const functionName = path;
  for (const section of ['Values', 'ConnectionStrings']) {
    const map = get(root, section);
    for (const e of map?.kind === 'map' ? map.entries : []) {
      const v = e.value;
      if (v.kind !== 'scalar' || v.value === null) continue;
      facts.envVars.push({
        platform: 'azure-functions',
        functionName,
        name: { value: e.key, region: regionOf(starts, e.keySpan.start, e.keySpan.end) },
        value: classifyLiteral(String(v.value)),
        valueRegion: regionOf(starts, v.start, v.end),
      });
    }
  }
  return facts;
}
