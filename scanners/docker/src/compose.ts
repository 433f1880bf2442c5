/**
 * Docker Compose files -> environment facts: each service's `environment:`, as a list of
 * `KEY=value` strings or as a map, judged like a function's environment (`env/*`). `${VAR}` and
 * `$VAR` are filled from the shell or `.env` when Compose runs (a reference, not a literal); `KEY`
 * alone passes the variable through; an empty value sets nothing.
 */
import { classifyLiteral, emptyFactSet, regionOf, type EnvValue, type FactSet, type Region } from '@leakguard/core';
import { get, scalarText, type PNode } from '@leakguard/scanner-cloudformation';

function composeValue(text: string): EnvValue {
  if (/\$(?:\{[^}]*\}|[A-Za-z_])/.test(text)) return { kind: 'unresolved', text };
  return classifyLiteral(text);
}

export function composeFacts(root: PNode, text: string, starts: number[]): FactSet {
  const facts = emptyFactSet();
  const services = get(root, 'services');
  if (services?.kind !== 'map') return facts;
  const region = (start: number, end: number): Region => regionOf(starts, start, end);
  for (const service of services.entries) {
    const env = get(service.value, 'environment');
    const add = (name: string, nameRegion: Region, value: string, valueRegion: Region): void => {
      if (value.trim() === '') return;
      facts.envVars.push({ platform: 'docker-compose', functionName: service.key, name: { value: name, region: nameRegion }, value: composeValue(value), valueRegion });
    };
    if (env?.kind === 'map') {
      for (const e of env.entries) {
        const v = scalarText(e.value);
        if (v !== undefined) add(e.key, region(e.keySpan.start, e.keySpan.end), v, region(e.value.start, e.value.end));
      }
    } else if (env?.kind === 'seq') {
      for (const item of env.items) {
        const s = item.kind === 'scalar' && typeof item.value === 'string' ? item.value : undefined;
        const eq = s?.indexOf('=') ?? -1;
        if (s === undefined || eq <= 0) continue;
        // Where the name and value are written: inside the scalar when it is written as read
        // (plain, or quoted without escapes); otherwise the whole item.
        const written = text.slice(item.start, item.end);
        const quote = written[0] === '"' || written[0] === "'" ? 1 : 0;
        const exact = written.slice(quote, written.length - quote) === s;
        const nameRegion = exact ? region(item.start + quote, item.start + quote + eq) : region(item.start, item.end);
        const valueRegion = exact ? region(item.start + quote + eq + 1, item.end - quote) : region(item.start, item.end);
        add(s.slice(0, eq).trim(), nameRegion, s.slice(eq + 1), valueRegion);
      }
    }
  }
  return facts;
}
