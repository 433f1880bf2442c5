// Nosey Parker's and Kingfisher's rule files: each rule lists `examples` (text its pattern must
// match: positives) and `negative_examples` (text it must not match: negatives). One case per
// example, written to its own file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// Rules that find identifiers, not secrets: leakguard reports no finding for them by design.
const NOT_SECRETS = /\b(client id|account id|organization id|bot id|app id|username|bucket|resource name|domain|recipient|public access token|public key)\b/i;

export function ruleExampleCases(corpus, rulesDir) {
  const cases = [];
  const skipped = [];
  for (const file of readdirSync(rulesDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const doc = parse(readFileSync(join(rulesDir, file), 'utf8'));
    for (const rule of doc?.rules ?? []) {
      if (NOT_SECRETS.test(rule.name) && !/secret|token|key\b|password/i.test(rule.name.replace(/public (access token|key)/i, ''))) {
        skipped.push(`${rule.id} (${rule.name})`);
        continue;
      }
      const add = (list, expect) =>
        (list ?? []).forEach((text, i) =>
          cases.push({ corpus, rule: rule.id, id: `${rule.id}/${expect === 'positive' ? 'ex' : 'neg'}-${i}`, expect, files: [{ name: 'example.txt', content: String(text) + '\n' }], value: String(text) }),
        );
      add(rule.examples, 'positive');
      add(rule.negative_examples, 'negative');
    }
  }
  return { cases, skipped };
}
