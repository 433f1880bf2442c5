/**
 * The `yaml` package, loaded on first use. Most scans parse no YAML at all (no config file, the
 * catalog read from its JSON cache, no templates), and loading the package costs about 50 ms in
 * every thread that imports it: the CLI's main thread, each scan worker, an editor's ESLint.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}
