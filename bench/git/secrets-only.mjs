// The secret path alone, for the bench's breakdown: the same history walk (git log + one
// cat-file --batch, each unique blob once) and the secret engine over every text blob, in one
// thread, without the infrastructure scanners, on the blobs' UTF-8 bytes as `leakguard history`
// reads them (scanBytes: no decoding). Prints JSON: { blobs, bytes, matches }.
import { SecretEngine } from '@leakguard/core';
import { walkHistory } from '../../scanners/git/dist/index.js';

const repo = process.argv[2];
const engine = new SecretEngine();
const walk = await walkHistory({ repo, maxBlobBytes: 10 * 1048576 });
let blobs = 0;
let bytes = 0;
let matches = 0;
for await (const e of walk.events) {
  if (e.kind !== 'blob') continue;
  const data = e.blob.data;
  if (data.subarray(0, 8000).includes(0)) continue;
  blobs++;
  bytes += data.length;
  matches += engine.scanBytes(data).length;
}
console.log(JSON.stringify({ blobs, bytes, matches }));
