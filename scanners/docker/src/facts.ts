/**
 * Dockerfile -> container facts: `ENV` and `ARG` properties and the build-context sources of
 * `COPY` / `ADD`, with the positions dockerfile-ast gives (0-based lines, UTF-16 characters).
 */
import { createRequire } from 'node:module';
import { emptyContainerFacts, type ContainerFacts, type Positioned, type Region } from '@leakguard/core';
import type * as Ast from 'dockerfile-ast';

let loaded: typeof Ast | undefined;
/** Loaded on the first Dockerfile: most scans have none. */
function ast(): typeof Ast {
  return (loaded ??= createRequire(import.meta.url)('dockerfile-ast') as typeof Ast);
}

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
const region = (r: LspRange): Region => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });

/** `$NAME` and `${NAME}` / `${NAME:-default}` expanded by a value. */
function expansions(value: string): string[] {
  return [...value.matchAll(/\$(?:\{([A-Za-z_]\w*)[^}]*\}|([A-Za-z_]\w*))/g)].map((m) => m[1] ?? m[2] ?? '');
}

export function dockerfileFacts(text: string): ContainerFacts {
  const facts = emptyContainerFacts();
  const dockerfile = ast().DockerfileParser.parse(text);
  for (const ins of dockerfile.getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    const line = ins.getRange().start.line + 1;
    const source = `${keyword} (line ${line})`;
    if (keyword === 'ENV' || keyword === 'ARG') {
      for (const p of (ins as Ast.PropertyInstruction).getProperties()) {
        const name: Positioned<string> = { value: p.getName(), region: region(p.getNameRange()) };
        const value = p.getValue();
        const valueRange = p.getValueRange();
        const positioned = value !== null && valueRange ? { value, region: region(valueRange) } : undefined;
        if (keyword === 'ARG') facts.args.push({ source, name, ...(positioned ? { defaultValue: positioned } : {}) });
        else if (positioned) facts.envs.push({ source, name, value: positioned, expands: expansions(positioned.value) });
      }
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const m = ins as Ast.Copy;
      // `--from=stage` copies from another stage or image, not from the build context.
      if (m.getFlags().some((f) => f.getName().toLowerCase() === 'from')) continue;
      const json = (ins as Ast.JSONInstruction).getJSONStrings();
      const args = json.length > 0 ? json.map((j) => ({ value: j.getValue().replace(/^"|"$/g, ''), range: j.getRange() })) : ins.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
      // Every argument but the destination is a source; a heredoc COPY (`COPY <<EOF`) has none from the context.
      for (const a of args.slice(0, -1)) if (!a.value.startsWith('<<')) facts.copies.push({ source, path: { value: a.value, region: region(a.range) } });
    }
  }
  return facts;
}
