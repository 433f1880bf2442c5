#!/usr/bin/env node
// Rewrites docs/rules/secrets.md from the catalog (run after editing rules/*.yaml; needs `pnpm build`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../packages/core/dist/index.js';
import { renderSecretsDoc } from './render-doc.mjs';

const target = fileURLToPath(new URL('../../docs/rules/secrets.md', import.meta.url));
writeFileSync(target, renderSecretsDoc(loadCatalog(undefined, { cache: false })));
console.log(`wrote ${target}`);
