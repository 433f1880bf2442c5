/**
 * The Dockerfile scanner: a function's container image (Lambda container images, Cloud Run,
 * Azure Functions on containers). Parsed by `dockerfile-ast` (the parser of the Dockerfile
 * language server) into container facts, judged by core's `container/*` checks. The plain secret
 * pass still runs over the file (this scanner does not cover secrets).
 */
import {
  issuesToDrafts,
  judgeContainerFacts,
  CONTAINER_RULES,
  type FileScanner,
  type ScanInput,
  type ScanOutput,
} from '@leakguard/core';
import { dockerfileFacts } from './facts.js';

export { dockerfileFacts } from './facts.js';
export { composeFacts } from './compose.js';
export { kubernetesFacts } from './kubernetes.js';
export { ComposeScanner, KubernetesScanner } from './manifests.js';

/** `Dockerfile`, `Containerfile`, `api.Dockerfile`, `Dockerfile.prod`. */
const DOCKERFILE = /(^|\/)((Dockerfile|Containerfile)(\.[\w.-]+)?|[\w.-]+\.(dockerfile|containerfile))$/i;
/** `Dockerfile.md`, `Dockerfile.ts`: documents and code about Dockerfiles. */
const NOT_DOCKERFILE = /\.(md|markdown|txt|rst|html?|[cm]?[jt]sx?|json|ya?ml|toml|py|go|rs|java|rb|sh|ps1|orig|bak|swp|dockerignore)$/i;
/** A Dockerfile over 1 MB is not one a person wrote: judged no further (the secret pass still runs). */
export const MAX_DOCKERFILE_CHARS = 1_000_000;

export class DockerfileScanner implements FileScanner {
  readonly name = 'dockerfile';
  readonly rules = CONTAINER_RULES;

  accepts(input: ScanInput): boolean {
    return DOCKERFILE.test(input.path) && !NOT_DOCKERFILE.test(input.path);
  }

  scan(input: ScanInput): ScanOutput {
    if (input.text.length > MAX_DOCKERFILE_CHARS) {
      return { drafts: [], notifications: [{ kind: 'parse-error', level: 'note', message: `Dockerfile over ${MAX_DOCKERFILE_CHARS} characters: only scanned for secrets`, path: input.path }] };
    }
    const facts = dockerfileFacts(input.text);
    return { drafts: issuesToDrafts(judgeContainerFacts(facts), input.text), notifications: [] };
  }
}
