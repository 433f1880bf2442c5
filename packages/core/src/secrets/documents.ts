/**
 * Documents whose every value is a documentation example. The AWS SDKs ship the examples of each
 * API's reference as JSON (`botocore/data/<service>/<version>/examples-1.json`, aws-sdk v2's
 * `apis/<service>.examples.json`): `{"version": "1.0", "examples": {"ChangePassword": [{"input":
 * {"NewPassword": "]35d/{pB9Fo9wJ", ...}, "description": ..., "title": ...}]}}`. The passwords and
 * keys in them are made up for the reference and look random, so no value test can tell them from
 * real ones; the document's kind can. It is recognised by its content, wherever it lies.
 */

/** `{ "version": "1.0", "examples": {` at the start (whitespace, a BOM allowed). */
const EXAMPLES_HEAD = /^\uFEFF?\s*\{\s*"version"\s*:\s*"\d+(?:\.\d+)*"\s*,\s*"examples"\s*:\s*\{\s*(?:\}|"[A-Za-z0-9]+"\s*:\s*\[)/;

/** True for an API examples document (see above); reads only its first bytes. */
export function isApiExamplesDocument(bytes: Buffer): boolean {
  return EXAMPLES_HEAD.test(bytes.toString('utf8', 0, Math.min(bytes.length, 256)));
}
