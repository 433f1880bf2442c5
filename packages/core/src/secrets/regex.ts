/**
 * One regex interface over two engines: RE2 (linear time, no input can make it hang) where the
 * native addon loads, JavaScript RegExp with the same pattern where it does not (for example
 * inside an editor's Electron Node). Catalog patterns keep to the syntax both engines share.
 */
import { createRequire } from 'node:module';

export type RegexEngineName = 're2' | 'js';

type RegExpCtor = new (pattern: string, flags?: string) => RegExp;

let re2Ctor: RegExpCtor | null | undefined;

function loadRe2(): RegExpCtor | null {
  if (re2Ctor !== undefined) return re2Ctor;
  if (process.env.LEAKGUARD_REGEX_ENGINE === 'js') return (re2Ctor = null);
  try {
    const require = createRequire(import.meta.url);
    re2Ctor = require('re2') as RegExpCtor;
  } catch {
    re2Ctor = null;
  }
  return re2Ctor;
}

/** The engine `compileRegex` uses by default here. */
export function defaultRegexEngine(): RegexEngineName {
  return loadRe2() ? 're2' : 'js';
}

export class RegexCompileError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`invalid pattern: ${reason}`);
  }
}

/** Compiles `pattern` with the named engine (default: RE2 when available). */
export function compileRegex(pattern: string, flags = '', engine: RegexEngineName = defaultRegexEngine()): RegExp {
  const Ctor: RegExpCtor | null = engine === 're2' ? loadRe2() : RegExp;
  if (!Ctor) throw new RegexCompileError(pattern, 'the RE2 engine is not available');
  try {
    return new Ctor(pattern, flags);
  } catch (error) {
    throw new RegexCompileError(pattern, error instanceof Error ? error.message : String(error));
  }
}
