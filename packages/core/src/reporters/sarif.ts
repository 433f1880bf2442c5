/**
 * SARIF 2.1.0 as GitHub code scanning accepts it (see ../shared/sarif/README.md): one run,
 * each rule once with help and security-severity, relative URIs, full regions, our own line hash
 * and stable fingerprint, tool notifications for inputs that could not be read.
 */
import type * as Sarif from 'sarif';
import { isInputFailure, type Finding, type Notification } from '../finding.js';
import { helpText, SECURITY_SEVERITY, levelForSeverity, type RuleMeta } from '../rule-meta.js';
import type { ScanReport } from '../report.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'leakguard/v1';

/**
 * Percent-encodes each segment of a relative POSIX path, keeping it relative. Paths reach here with
 * `/` separators on every platform, so a backslash is part of a file name and is encoded (`%5C`).
 */
export function toRelativeUri(path: string): string {
  return path
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** SARIF forbids nothing about empty strings, GitHub does: give every text a value. */
function nonEmpty(text: string | undefined, fallback: string): string {
  return text && text.trim() !== '' ? text : fallback;
}

function sarifRule(rule: RuleMeta): Sarif.ReportingDescriptor {
  const descriptor: Sarif.ReportingDescriptor = {
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: nonEmpty(rule.shortDescription, rule.title).slice(0, 1024) },
    fullDescription: { text: nonEmpty(rule.fullDescription, rule.shortDescription).slice(0, 1024) },
    help: { text: nonEmpty(helpText(rule), rule.shortDescription), markdown: nonEmpty(rule.helpMarkdown, rule.shortDescription) },
    defaultConfiguration: { level: levelForSeverity(rule.severity) },
    properties: {
      tags: [...new Set(['security', ...rule.tags])],
      precision: rule.precision,
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
  if (rule.helpUri) descriptor.helpUri = rule.helpUri;
  return descriptor;
}

function sarifResult(finding: Finding, ruleIndex: number): Sarif.Result {
  const loc = finding.location;
  const region: Sarif.Region = {
    startLine: Math.max(1, loc.startLine),
    startColumn: Math.max(1, loc.startColumn),
    endLine: Math.max(loc.startLine, loc.endLine, 1),
    endColumn: Math.max(1, loc.endColumn),
  };
  if (finding.snippet) region.snippet = { text: finding.snippet };
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: nonEmpty(finding.message, finding.ruleId) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toRelativeUri(loc.path), uriBaseId: '%SRCROOT%' },
          region,
        },
      },
    ],
    partialFingerprints: {
      primaryLocationLineHash: finding.lineHash,
      [FINGERPRINT_KEY]: finding.fingerprint,
    },
  };
  const properties: Record<string, unknown> = { ...finding.properties };
  if (finding.secret) {
    properties.secretHash = finding.secret.hash;
    properties.redactedSecret = finding.secret.redacted;
  }
  if (finding.commit) {
    properties.commitSha = finding.commit.sha;
    properties.commitAuthor = finding.commit.author;
    properties.commitDate = finding.commit.date;
    properties.presentAtHead = finding.commit.presentAtHead;
  }
  if (Object.keys(properties).length > 0) result.properties = properties;
  return result;
}

export function sarifNotification(n: Notification): Sarif.Notification {
  const notification: Sarif.Notification = {
    level: n.level,
    message: { text: nonEmpty(n.message, n.kind) },
    descriptor: { id: n.kind },
  };
  if (n.path) {
    const physicalLocation: Sarif.PhysicalLocation = {
      artifactLocation: { uri: toRelativeUri(n.path), uriBaseId: '%SRCROOT%' },
    };
    if (n.line && n.line >= 1) {
      physicalLocation.region = { startLine: n.line, ...(n.column && n.column >= 1 ? { startColumn: n.column } : {}) };
    }
    notification.locations = [{ physicalLocation }];
  }
  return notification;
}

export function toSarif(report: ScanReport): Sarif.Log {
  const rules = [...new Map(report.rules.map((r) => [r.id, r])).values()].sort((a, b) => a.id.localeCompare(b.id));
  // A finding of a rule missing from the list would break GitHub's upload: fail loudly here.
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.findings.map((f) => {
    const i = index.get(f.ruleId);
    if (i === undefined) throw new Error(`internal error: finding for unregistered rule ${f.ruleId}`);
    return sarifResult(f, i);
  });
  const readFailures = report.notifications.some(isInputFailure);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: report.tool.informationUri,
            rules: rules.map(sarifRule),
            properties: { regexEngine: report.tool.regexEngine },
          },
        },
        automationDetails: { id: `${report.category}/${report.runId}` },
        invocations: [
          {
            executionSuccessful: !readFailures,
            toolExecutionNotifications: report.notifications.map(sarifNotification),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
