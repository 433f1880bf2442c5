/**
 * The serverless.yml scanner (Serverless Framework v3 and v4, YAML or JSON): function
 * environments, IAM statements (`provider.iam.role.statements`, the older
 * `provider.iamRoleStatements`, per-function statements), `kmsKeyArn`, and the `resources:`
 * section handed to the CloudFormation template reader with the positions of this file.
 */
import {
  INFRA_RULES,
  ResolveBudget,
  classifyLiteral,
  emptyFactSet,
  isSecretLikeName,
  factFileDrafts,
  lineStarts,
  regionOf,
  type EnvValue,
  type FactSet,
  type FunctionPlatform,
  type FileScanner,
  type ScanContext,
  type ScanInput,
  type ScanOutput,
} from '@leakguard/core';
import {
  asList,
  at,
  envValueOf,
  evaluate,
  get,
  parseNotifications,
  parseTree,
  scalarText,
  statementFacts,
  templateContext,
  templateFacts,
  type PNode,
  type Span,
} from '@leakguard/scanner-cloudformation';
import { SlsResolver, type SlsValue } from './variables.js';

export { resolveString, SlsResolver } from './variables.js';

const SERVERLESS_NAME = /(^|\/)serverless(\.[\w-]+)?\.(ya?ml|json)$/i;
const YAML_OR_JSON = /\.(ya?ml|json)$/i;

function slsEnvValue(v: SlsValue): EnvValue {
  if (v.kind === 'str') return classifyLiteral(v.text);
  if (v.kind === 'deploy-time') return { kind: 'deploy-time', source: `serverless ${v.source}` };
  return { kind: 'unresolved', text: v.text };
}

/** Facts of a parsed serverless configuration; `budget` bounds every resolution in the file. */
export function serverlessFacts(root: PNode, starts: number[], budget: ResolveBudget = new ResolveBudget()): FactSet {
  const facts = emptyFactSet();
  const region = (s: Span) => regionOf(starts, s.start, s.end);
  const ctx = templateContext(at(root, 'resources') ?? { kind: 'map', entries: [], start: 0, end: 0 }, { budget, starts });
  const vars = new SlsResolver(root, budget, starts);

  /** A value's strings: serverless variables resolved, CloudFormation intrinsics evaluated. */
  const ev = (node: PNode | undefined): { values: { text: string; span: Span }[]; unresolved: boolean } => {
    const values: { text: string; span: Span }[] = [];
    let unresolved = false;
    for (const item of asList(node)) {
      if (item.kind === 'scalar') {
        if (item.value === null) continue;
        const v = vars.resolve(String(item.value), item);
        if (v.kind === 'str') values.push({ text: v.text, span: item });
        else unresolved = true;
      } else {
        for (const e of evaluate(item, ctx)) {
          if (e.val.kind === 'str') values.push({ text: e.val.text, span: e.span });
          else if (e.val.kind !== 'novalue') unresolved = true;
        }
      }
    }
    return { values, unresolved };
  };

  const envValues = (node: PNode): { value: EnvValue; span: Span }[] => {
    if (node.kind === 'scalar') return node.value === null ? [] : [{ value: slsEnvValue(vars.resolve(String(node.value), node)), span: node }];
    return evaluate(node, ctx).map((e) => ({ value: e.val.kind === 'str' ? slsEnvValue(vars.resolve(e.val.text, e.span)) : envValueOf(e.val), span: e.span }));
  };

  const provider = get(root, 'provider');
  // Serverless Framework also deploys to Azure Functions and Google Cloud Functions (plugins).
  const providerName = (scalarText(get(provider, 'name')) ?? 'aws').toLowerCase();
  const platform: FunctionPlatform = providerName === 'azure' ? 'azure-functions' : providerName === 'google' ? 'gcp-cloud-functions' : 'aws-lambda';
  const providerEnv = get(provider, 'environment');
  const providerKms = get(provider, 'kmsKeyArn');

  // Statements: v3/v4 `provider.iam.role.statements`, v1/v2 `provider.iamRoleStatements`.
  facts.statements.push(...statementFacts(at(provider, 'iam', 'role', 'statements'), 'provider.iam.role.statements', ev, starts));
  facts.statements.push(...statementFacts(get(provider, 'iamRoleStatements'), 'provider.iamRoleStatements', ev, starts));
  for (const [path, node] of [
    ['provider.iam.role.managedPolicies', at(provider, 'iam', 'role', 'managedPolicies')],
    ['provider.iamManagedPolicies', get(provider, 'iamManagedPolicies')],
  ] as const) {
    asList(node).forEach((item, i) => {
      for (const v of ev(item).values) facts.attachments.push({ source: `${path}[${i}]`, policyArn: { value: v.text, region: region(v.span) } });
    });
  }

  const functions = get(root, 'functions');
  const fnEntries = functions?.kind === 'map' ? functions.entries : [];
  for (const f of fnEntries) {
    const name = f.key;
    const seen = new Set<string>();
    for (const envNode of [get(f.value, 'environment'), providerEnv]) {
      if (envNode?.kind !== 'map') continue;
      for (const e of envNode.entries) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
        for (const v of envValues(e.value)) {
          facts.envVars.push({ platform, functionName: name, name: { value: e.key, region: region(e.keySpan) }, value: v.value, valueRegion: region(v.span) });
        }
      }
    }
    const kms = get(f.value, 'kmsKeyArn') ?? providerKms;
    facts.functions.push({ platform, functionName: name, region: region(f.keySpan), kmsKey: kms ? true : false });
    // serverless-iam-roles-per-function and v4 per-function roles.
    facts.statements.push(...statementFacts(get(f.value, 'iamRoleStatements'), `functions.${name}.iamRoleStatements`, ev, starts));
    facts.statements.push(...statementFacts(at(f.value, 'iam', 'role', 'statements'), `functions.${name}.iam.role.statements`, ev, starts));
  }
  // A provider environment with no function still ends in every function added later: judge it once.
  if (fnEntries.length === 0 && providerEnv?.kind === 'map') {
    for (const e of providerEnv.entries) for (const v of envValues(e.value)) facts.envVars.push({ platform, functionName: 'provider', name: { value: e.key, region: region(e.keySpan) }, value: v.value, valueRegion: region(v.span) });
  }

  // Literal secrets in custom / params sections (`custom.dbPassword: ...`).
  const secretAttributes = (node: PNode | undefined, source: string, depth: number): void => {
    if (!node || depth > 8 || node.kind !== 'map') return;
    for (const e of node.entries) {
      if (e.value.kind === 'scalar' && typeof e.value.value === 'string' && isSecretLikeName(e.key)) {
        const v = vars.resolve(e.value.value, e.value);
        if (v.kind === 'str') facts.secretAttributes.push({ source: `${source}.${e.key}`, name: { value: e.key, region: region(e.keySpan) }, value: { value: v.text, region: region(e.value) } });
      } else secretAttributes(e.value, `${source}.${e.key}`, depth + 1);
    }
  };
  secretAttributes(get(root, 'custom'), 'custom', 0);
  secretAttributes(get(root, 'params'), 'params', 0);

  // `resources:` is CloudFormation (a map, or a list of maps and ${file(...)} includes).
  for (const res of asList(get(root, 'resources'))) {
    if (res.kind !== 'map') continue;
    const t = templateFacts({ root: res, starts, sourcePrefix: 'resources.', context: { budget } });
    for (const key of Object.keys(facts) as (keyof FactSet)[]) (facts[key] as unknown[]).push(...t[key]);
  }
  return facts;
}

/** Whether `word` occurs at the start of a line, or after a quote there (what `^["']?word` needs). */
function atLineStart(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    let j = i - 1;
    if (j >= 0 && (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39)) j--;
    if (j < 0 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13 || text.charCodeAt(j) === 0x2028 || text.charCodeAt(j) === 0x2029) return true;
  }
  return false;
}

export class ServerlessScanner implements FileScanner {
  readonly name = 'serverless';
  readonly rules = INFRA_RULES;

  accepts(input: ScanInput): boolean {
    if (SERVERLESS_NAME.test(input.path)) return true;
    if (!YAML_OR_JSON.test(input.path)) return false;
    const text = input.text;
    // The patterns need "service" at a line's start and "provider": substring searches rule out
    // most files faster than the multi-line patterns.
    if (!atLineStart(text, 'service') || !text.includes('provider')) return false;
    return /^["']?service["']?\s*:/m.test(input.text) && /^["']?provider["']?\s*:/m.test(input.text) && /^\s*["']?functions["']?\s*:|^\s*["']?name["']?\s*:\s*["']?aws/m.test(input.text);
  }

  scan(input: ScanInput, context: ScanContext): ScanOutput {
    const parsed = parseTree(input.text);
    if (!parsed.root) return { drafts: [], notifications: parseNotifications(input.path, input.text, parsed.problems, 'Serverless configuration') };
    if (parsed.root.kind !== 'map' || !get(parsed.root, 'provider')) return { drafts: [], notifications: [] };
    // Read in part (a stray second document): judged, and the problem still said.
    const notifications = parseNotifications(input.path, input.text, parsed.problems, 'Serverless configuration');
    const starts = lineStarts(input.text);
    const budget = new ResolveBudget(input.text.length);
    const facts = serverlessFacts(parsed.root, starts, budget);
    const drafts = factFileDrafts(facts, input.text, starts, context.secrets);
    const limit = budget.notification(input.path, 'Serverless configuration');
    if (limit) notifications.push(limit);
    return { drafts, notifications, coversSecrets: true };
  }
}

export function serverlessScanner(): ServerlessScanner {
  return new ServerlessScanner();
}
