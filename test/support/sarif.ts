/**
 * SARIF checks: the official 2.1.0 schema (draft-04, from ../shared/sarif) plus what GitHub code
 * scanning requires beyond it (../shared/sarif/README.md).
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { SARIF_SCHEMA } from './cli.js';

let validator: ReturnType<Ajv['compile']> | undefined;

export function schemaErrors(log: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

function emptyStrings(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'string') {
    if (value.trim() === '') out.push(`${path} is an empty string`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => emptyStrings(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) emptyStrings(v, `${path}.${k}`, out);
  }
}

/** Everything GitHub's upload would reject or degrade on; empty when the log is fine. */
export function githubProblems(log: Sarif.Log): string[] {
  const problems: string[] = [];
  emptyStrings(log, '$', problems);
  if (log.runs.length !== 1) problems.push(`expected one run, got ${log.runs.length}`);
  for (const run of log.runs) {
    const driver = run.tool.driver;
    if (!driver.name) problems.push('tool.driver.name missing');
    const rules = driver.rules ?? [];
    const ids = rules.map((r) => r.id);
    if (new Set(ids).size !== ids.length) problems.push('duplicate rule ids');
    if (rules.length > 25_000) problems.push('over 25,000 rules');
    for (const rule of rules) {
      const where = `rule ${rule.id}`;
      if (!rule.shortDescription?.text) problems.push(`${where}: shortDescription.text missing`);
      if (!rule.fullDescription?.text) problems.push(`${where}: fullDescription.text missing`);
      if ((rule.shortDescription?.text.length ?? 0) > 1024) problems.push(`${where}: shortDescription over 1024`);
      if ((rule.fullDescription?.text.length ?? 0) > 1024) problems.push(`${where}: fullDescription over 1024`);
      if (!rule.help?.text) problems.push(`${where}: help.text missing`);
      if (!rule.help?.markdown) problems.push(`${where}: help.markdown missing`);
      const props = rule.properties ?? {};
      const severity = props['security-severity'];
      if (typeof severity !== 'string' || !/^\d+(\.\d+)?$/.test(severity) || Number(severity) < 0.1 || Number(severity) > 10) {
        problems.push(`${where}: security-severity must be a numeric string 0.1..10.0, got ${JSON.stringify(severity)}`);
      }
      if (!Array.isArray(props.tags) || !props.tags.includes('security')) problems.push(`${where}: tags must include security`);
      if (!props.precision) problems.push(`${where}: precision missing`);
    }
    if (!run.automationDetails?.id || !/^[^/]+(\/[^/]+)*\/[^/]+$/.test(run.automationDetails.id)) {
      problems.push('runAutomationDetails.id must be category/run-id');
    }
    const results = run.results ?? [];
    if (results.length > 25_000) problems.push('over 25,000 results');
    for (const [i, result] of results.entries()) {
      const where = `result ${i} (${result.ruleId})`;
      if (!result.ruleId || !ids.includes(result.ruleId)) problems.push(`${where}: ruleId not among the rules`);
      if (!result.message?.text) problems.push(`${where}: message.text missing`);
      const loc = result.locations?.[0]?.physicalLocation;
      const uri = loc?.artifactLocation?.uri;
      if (!uri) problems.push(`${where}: no artifactLocation.uri`);
      else if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/') || uri.startsWith('..')) problems.push(`${where}: uri ${uri} is not relative to the repository`);
      const region = loc?.region;
      if (!region) problems.push(`${where}: no region`);
      else {
        for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) {
          if (typeof region[key] !== 'number' || region[key]! < 1) problems.push(`${where}: region.${key} must be >= 1`);
        }
        if ((region.endLine ?? 0) < (region.startLine ?? 0)) problems.push(`${where}: endLine before startLine`);
      }
      if (!result.partialFingerprints?.primaryLocationLineHash) problems.push(`${where}: primaryLocationLineHash missing`);
      if (!result.partialFingerprints?.['leakguard/v1']) problems.push(`${where}: leakguard/v1 fingerprint missing`);
    }
  }
  return problems;
}
