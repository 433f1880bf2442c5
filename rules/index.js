// The catalog ships as YAML beside this file; the engine in @leakguard/core reads it from here.
import { fileURLToPath } from 'node:url';
export const catalogDir = fileURLToPath(new URL('.', import.meta.url));
