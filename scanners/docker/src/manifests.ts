/**
 * The container-definition scanners besides the Dockerfile's: Docker Compose files (by name) and
 * Kubernetes manifests (YAML with `apiVersion` and `kind`, by content). Both read the positioned
 * YAML tree of `scanner-cloudformation`, turn it into the shared facts and report through core's
 * `factFileDrafts`, the secret catalog over the text included.
 */
import {
  factFileDrafts,
  INFRA_RULES,
  lineStarts,
  type FileScanner,
  type ScanContext,
  type ScanInput,
  type ScanOutput,
} from '@leakguard/core';
import { parseDocuments, parseNotifications, parseTree } from '@leakguard/scanner-cloudformation';
import { composeFacts } from './compose.js';
import { kubernetesFacts } from './kubernetes.js';

/** `docker-compose.yml`, `compose.yaml`, `docker-compose.prod.yml`, `compose.override.yaml`. */
const COMPOSE_FILE = /(^|\/)(docker-)?compose(\.[\w-]+)*\.ya?ml$/i;
const YAML_FILE = /\.ya?ml$/i;
/** A document that declares its kind at the top level (not indented). */
const KIND_LINE = /^kind:[ \t]*["']?[A-Z]\w*/m;

export class ComposeScanner implements FileScanner {
  readonly name = 'compose';
  readonly rules = INFRA_RULES;

  accepts(input: ScanInput): boolean {
    return COMPOSE_FILE.test(input.path);
  }

  scan(input: ScanInput, context: ScanContext): ScanOutput {
    const parsed = parseTree(input.text);
    // Not readable: the plain secret pass runs (coversSecrets false), and the problem is said.
    if (!parsed.root) return { drafts: [], notifications: parseNotifications(input.path, input.text, parsed.problems, 'Compose file') };
    const starts = lineStarts(input.text);
    const facts = composeFacts(parsed.root, input.text, starts);
    return { drafts: factFileDrafts(facts, input.text, starts, context.secrets), notifications: parseNotifications(input.path, input.text, parsed.problems, 'Compose file'), coversSecrets: true };
  }
}

export class KubernetesScanner implements FileScanner {
  readonly name = 'kubernetes';
  readonly rules = INFRA_RULES;

  accepts(input: ScanInput): boolean {
    if (!YAML_FILE.test(input.path) || COMPOSE_FILE.test(input.path)) return false;
    const text = input.text;
    // A Helm or other Go template (`{{ .Values.x }}`) is not YAML until rendered: the plain pass reads it.
    return text.includes('apiVersion') && !text.includes('{{') && KIND_LINE.test(text);
  }

  scan(input: ScanInput, context: ScanContext): ScanOutput {
    const parsed = parseDocuments(input.text);
    const notifications = parseNotifications(input.path, input.text, parsed.problems, 'Kubernetes manifest');
    if (parsed.roots.length === 0) return { drafts: [], notifications };
    const starts = lineStarts(input.text);
    const facts = kubernetesFacts(parsed.roots, starts);
    // The catalog reads every line, those of a document that could not be parsed included.
    return { drafts: factFileDrafts(facts, input.text, starts, context.secrets), notifications, coversSecrets: true };
  }
}
