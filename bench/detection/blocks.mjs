// Where each resource of a Terraform or CloudFormation file starts and ends, by line, so that a
// finding (a line) can be attributed to the resource a peer's test labels. Text heuristics are
// enough here: peers' examples are formatted (top-level HCL blocks at column 0; CloudFormation
// resources one indentation level under `Resources`).

/** @returns {{ address: string[], start: number, end: number }[]} 1-based inclusive lines */
export function resourceBlocks(path, text) {
  const lines = text.split(/\r?\n/);
  return /\.tf$/.test(path) ? terraformBlocks(lines) : cloudFormationBlocks(lines);
}

function terraformBlocks(lines) {
  const blocks = [];
  lines.forEach((line, i) => {
    const m = /^(resource|data|module|provider)\s+"([^"]+)"(?:\s+"([^"]+)")?/.exec(line);
    if (!m) return;
    const [, kind, a, b] = m;
    const address =
      kind === 'resource' ? [`${a}.${b}`]
      : kind === 'data' ? [`${a}.${b}`, `data.${a}.${b}`]
      : kind === 'module' ? [`module.${a}`]
      : [a, `${a}.default`];
    if (blocks.length) blocks.at(-1).end = i;
    blocks.push({ address, start: i + 1, end: lines.length });
  });
  return blocks;
}

function indentOf(line) {
  return /^\s*/.exec(line)[0].length;
}

function cloudFormationBlocks(lines) {
  const at = lines.findIndex((l) => /^\s*"?Resources"?\s*:/.test(l));
  if (at < 0) return [];
  const parent = indentOf(lines[at]);
  let childIndent;
  const blocks = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const indent = indentOf(line);
    if (indent <= parent && !/^\s*[}\]]/.test(line)) break;
    childIndent ??= indent;
    const m = /^\s*"?([A-Za-z0-9]+)"?\s*:/.exec(line);
    if (indent === childIndent && m) {
      if (blocks.length) blocks.at(-1).end = i;
      blocks.push({ logicalId: m[1], start: i + 1, end: lines.length, address: [] });
    } else if (blocks.length && !blocks.at(-1).type) {
      const t = /^\s*"?Type"?\s*:\s*["']?([A-Za-z0-9:]+)/.exec(line);
      if (t) blocks.at(-1).type = t[1];
    }
  }
  for (const b of blocks) b.address = [`${b.type}.${b.logicalId}`, b.logicalId];
  return blocks;
}
