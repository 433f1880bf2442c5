/**
 * CloudFormation / SAM template -> facts. Works on the positioned tree, so the serverless scanner
 * can hand its `resources:` section here and keep the positions of its own file.
 */
import {
  ResolveBudget,
  emptyFactSet,
  isSecretLikeName,
  isSettingProperty,
  regionOf,
  type EnvVarFact,
  type FactSet,
  type PolicyStatementFact,
  type ConditionTestFact,
  type Positioned,
  type Region,
} from '@leakguard/core';
import { envValueOf, evaluate, strings, type EvalContext, type ParamInfo } from './evaluate.js';
import { POLICY_PROPERTIES, policyFromText } from './policy-resources.js';
import { asList, at, entry, get, scalarText, type PEntry, type PNode, type Span } from './tree.js';

export interface TemplateInput {
  root: PNode;
  /** Line starts of the file the tree came from. */
  starts: number[];
  /** Prefix of fact sources (`resources.` for a serverless file). */
  sourcePrefix?: string;
  /** Extra parameters / resources known to the caller (serverless functions' generated names), and the file's budget. */
  context?: Partial<EvalContext>;
}

/** True when a parsed document is a CloudFormation or SAM template. */
export function isTemplate(root: PNode | undefined): boolean {
  if (!root || root.kind !== 'map') return false;
  if (get(root, 'service') && get(root, 'provider')) return false; // serverless.yml
  if (get(root, 'AWSTemplateFormatVersion')) return true;
  const resources = get(root, 'Resources');
  return resources?.kind === 'map' && resources.entries.some((e) => RESOURCE_TYPE.test(scalarText(get(e.value, 'Type')) ?? ''));
}

/** Resource types CloudFormation deploys: AWS's own and Alexa skills (`Alexa::ASK::Skill`). */
export const RESOURCE_TYPE = /^(?:AWS|Alexa::ASK)::/;

const SKIP_FOR_ATTRIBUTES = new Set(['Tags', 'PolicyDocument', 'Policies', 'AssumeRolePolicyDocument', 'KeyPolicy', 'ResourcePolicy', 'Globals', 'AccessPolicies', 'RepositoryPolicyText', 'PolicyText', 'InlinePolicy', 'FileSystemPolicy', 'Policy', 'DestinationPolicy', 'AccessPolicy', 'PermissionsPolicyDocument', 'PolicyInJson']);

/** Builds the context of a template: its parameters and resources (and the file's resolution bound, given or new). */
export function templateContext(root: PNode, extra: Partial<EvalContext> = {}): EvalContext {
  const params = new Map<string, ParamInfo>(extra.params ?? []);
  const parameters = get(root, 'Parameters');
  if (parameters?.kind === 'map') {
    for (const p of parameters.entries) {
      const noEchoNode = get(p.value, 'NoEcho');
      const noEchoText = scalarText(noEchoNode);
      const noEcho: boolean | 'unknown' = noEchoNode === undefined ? false : noEchoText === undefined ? 'unknown' : noEchoText.toLowerCase() === 'true';
      const def = scalarText(get(p.value, 'Default'));
      params.set(p.key, def === undefined ? { noEcho } : { noEcho, default: def });
    }
  }
  const resources = new Map<string, string>(extra.resources ?? []);
  const res = get(root, 'Resources');
  if (res?.kind === 'map') for (const r of res.entries) resources.set(r.key, scalarText(get(r.value, 'Type')) ?? '');
  return { params, resources, budget: extra.budget ?? new ResolveBudget(), ...(extra.starts ? { starts: extra.starts } : {}), ...(extra.memo ? { memo: extra.memo } : {}) };
}

/** How a caller turns a node into the strings it certainly takes (and whether some part was unresolved). */
export type StringEval = (node: PNode | undefined) => { values: { text: string; span: Span }[]; unresolved: boolean };

/**
 * Policy statements (a `Statement` list or a single statement map) -> facts. Shared with the
 * serverless scanner, which evaluates its `${...}` variables through its own `ev`.
 */
export function statementFacts(stmts: PNode | undefined, source: string, ev: StringEval, starts: number[], resourcePolicyOf?: string): PolicyStatementFact[] {
  const region = (s: Span): Region => regionOf(starts, s.start, s.end);
  const pos = (text: string, s: Span): Positioned<string> => ({ value: text, region: region(s) });
  const out: PolicyStatementFact[] = [];
  asList(stmts).forEach((s, i) => {
    if (s.kind !== 'map') return;
    const fact: PolicyStatementFact = { source: `${source}.Statement[${i}]`, region: region(s), hasCondition: false };
    if (resourcePolicyOf) fact.resourcePolicyOf = resourcePolicyOf;
    let unresolved = false;
    const effectNode = get(s, 'Effect');
    const effect = ev(effectNode);
    if (effect.values[0]) fact.effect = pos(effect.values[0].text, effect.values[0].span);
    unresolved ||= effect.unresolved;
    for (const [key, field] of [['Action', 'actions'], ['NotAction', 'notActions'], ['Resource', 'resources'], ['NotResource', 'notResources']] as const) {
      const node = get(s, key);
      if (!node) continue;
      const r = ev(node);
      fact[field] = r.values.map((v) => pos(v.text, v.span));
      unresolved ||= r.unresolved;
    }
    for (const [key, field] of [['Principal', 'principals'], ['NotPrincipal', 'notPrincipals']] as const) {
      const node = get(s, key);
      if (!node) continue;
      const values: Positioned<string>[] = [];
      const collect = (n: PNode): void => {
        const r = ev(n);
        values.push(...r.values.map((v) => pos(v.text, v.span)));
        unresolved ||= r.unresolved;
      };
      if (node.kind === 'map') for (const e of node.entries) collect(e.value);
      else collect(node);
      fact[field] = values;
    }
    const cond = get(s, 'Condition');
    fact.hasCondition = cond !== undefined && !(cond.kind === 'map' && cond.entries.length === 0);
    const tests = conditionTests(cond, ev);
    if (fact.hasCondition && tests) fact.conditions = tests;
    if (unresolved) fact.unresolved = true;
    out.push(fact);
  });
  return out;
}

/** `{StringEquals: {aws:SourceArn: ...}}` -> its tests; undefined when the shape is not plain maps. */
function conditionTests(cond: PNode | undefined, ev: StringEval): ConditionTestFact[] | undefined {
  if (cond?.kind !== 'map') return undefined;
  const tests: ConditionTestFact[] = [];
  for (const op of cond.entries) {
    if (op.value.kind !== 'map') return undefined;
    for (const e of op.value.entries) {
      const v = ev(e.value);
      tests.push({ operator: op.key, key: e.key, ...(v.unresolved ? {} : { values: v.values.map((x) => x.text) }) });
    }
  }
  return tests;
}

/** Extracts every fact of a template. */
export function templateFacts(input: TemplateInput): FactSet {
  const { root, starts } = input;
  const prefix = input.sourcePrefix ?? '';
  const facts = emptyFactSet();
  const ctx = templateContext(root, { starts, ...input.context });
  const region = (s: Span): Region => regionOf(starts, s.start, s.end);
  const pos = (text: string, s: Span): Positioned<string> => ({ value: text, region: region(s) });

  const ev = (n: PNode | undefined) => strings(n, ctx);
  const statementsOf = (policyDoc: PNode | undefined, source: string, resourcePolicyOf?: string): void => {
    facts.statements.push(...statementFacts(get(policyFromText(policyDoc), 'Statement'), source, ev, starts, resourcePolicyOf));
  };

  const attach = (node: PNode | undefined, source: string): void => {
    asList(node).forEach((item, i) => {
      for (const v of strings(item, ctx).values) {
        const arn = v.text.startsWith('arn:') ? v.text : `arn:aws:iam::aws:policy/${v.text}`;
        facts.attachments.push({ source: `${source}[${i}]`, policyArn: pos(arn, v.span) });
      }
    });
  };

  const envOf = (fnName: string, variables: PNode | undefined, overridden: Set<string>): void => {
    if (variables?.kind !== 'map') return;
    for (const e of variables.entries) {
      if (overridden.has(e.key)) continue;
      overridden.add(e.key);
      for (const ev of evaluate(e.value, ctx)) {
        const fact: EnvVarFact = { platform: 'aws-lambda', functionName: fnName, name: pos(e.key, e.keySpan), value: envValueOf(ev.val), valueRegion: region(ev.span) };
        facts.envVars.push(fact);
      }
    }
  };

  // Parameters: NoEcho and literal defaults.
  const parameters = get(root, 'Parameters');
  if (parameters?.kind === 'map') {
    for (const p of parameters.entries) {
      const info = ctx.params.get(p.key);
      // `AWS::SSM::Parameter::Value<String>`: CloudFormation reads the value from Parameter Store at
      // deploy time; the Default is a parameter name (a reference) and NoEcho does not apply.
      if (scalarText(get(p.value, 'Type'))?.trim().startsWith('AWS::SSM::Parameter::')) continue;
      const defNode = get(p.value, 'Default');
      const def = scalarText(defNode);
      facts.inputs.push({
        kind: 'cfn-parameter',
        source: `${prefix}Parameters.${p.key}`,
        name: pos(p.key, p.keySpan),
        masked: info?.noEcho ?? false,
        ...(def !== undefined && defNode ? { defaultValue: pos(def, defNode) } : {}),
      });
    }
  }

  const globalsFn = at(root, 'Globals', 'Function');
  const resources = get(root, 'Resources');
  const rotated = new Set<string>();
  let rotationUnknown = false;
  if (resources?.kind === 'map') {
    for (const r of resources.entries) {
      if (scalarText(get(r.value, 'Type')) !== 'AWS::SecretsManager::RotationSchedule') continue;
      const target = evaluate(at(r.value, 'Properties', 'SecretId'), ctx)[0]?.val;
      if (target?.kind === 'resource') rotated.add(target.name);
      else rotationUnknown = true;
    }
  }

  for (const r of resources?.kind === 'map' ? resources.entries : []) {
    const type = scalarText(get(r.value, 'Type')) ?? '';
    const props = get(r.value, 'Properties');
    const src = `${prefix}Resources.${r.key}`;
    const nameRegion = region(r.keySpan);
    for (const p of POLICY_PROPERTIES[type] ?? []) statementsOf(at(props, ...p.path), `${src}.${p.path.join('.')}`, p.resourcePolicyOf);
    switch (type) {
      case 'AWS::Lambda::Function':
      case 'AWS::Serverless::Function': {
        const sam = type === 'AWS::Serverless::Function';
        const seen = new Set<string>();
        envOf(r.key, at(props, 'Environment', 'Variables'), seen);
        if (sam) envOf(r.key, at(globalsFn, 'Environment', 'Variables'), seen);
        const kms = get(props, 'KmsKeyArn') ?? (sam ? get(globalsFn, 'KmsKeyArn') : undefined);
        const kmsVals = kms ? evaluate(kms, ctx) : [];
        facts.functions.push({ platform: 'aws-lambda', functionName: r.key, region: nameRegion, kmsKey: !kms ? false : kmsVals.some((v) => v.val.kind === 'novalue') ? 'unknown' : true });
        if (sam) {
          asList(get(props, 'Policies')).forEach((p, i) => {
            if (p.kind === 'scalar') attach(p, `${src}.Policies`);
            else if (p.kind === 'map' && get(p, 'Statement')) statementsOf(p, `${src}.Policies[${i}]`);
            else if (p.kind === 'map') {
              // SAM policy templates are scoped by construction (S3ReadPolicy: {BucketName: b}), except
              // where a parameter is the whole Resource: AWSSecretsManagerGetSecretValuePolicy's SecretArn.
              const secretArn = at(p, 'AWSSecretsManagerGetSecretValuePolicy', 'SecretArn');
              if (secretArn) {
                const r = ev(secretArn);
                facts.statements.push({
                  source: `${src}.Policies[${i}].AWSSecretsManagerGetSecretValuePolicy`,
                  region: region(p),
                  effect: pos('Allow', p),
                  actions: [pos('secretsmanager:GetSecretValue', p)],
                  resources: r.values.map((v) => pos(v.text, v.span)),
                  hasCondition: false,
                  ...(r.unresolved ? { unresolved: true } : {}),
                });
              }
            }
          });
        }
        break;
      }
      case 'AWS::IAM::Role':
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group':
        asList(get(props, 'Policies')).forEach((p, i) => statementsOf(get(p, 'PolicyDocument'), `${src}.Policies[${i}].PolicyDocument`));
        if (type === 'AWS::IAM::Role') statementsOf(get(props, 'AssumeRolePolicyDocument'), `${src}.AssumeRolePolicyDocument`, 'sts');
        attach(get(props, 'ManagedPolicyArns'), `${src}.ManagedPolicyArns`);
        break;
      case 'AWS::KMS::Key': {
        statementsOf(get(props, 'KeyPolicy'), `${src}.KeyPolicy`, 'kms');
        const spec = scalarText(get(props, 'KeySpec'));
        const usage = scalarText(get(props, 'KeyUsage'));
        if ((spec && spec !== 'SYMMETRIC_DEFAULT') || (usage && usage !== 'ENCRYPT_DECRYPT')) break; // cannot rotate
        const rot = entry(props, 'EnableKeyRotation');
        const text = scalarText(rot?.value)?.toLowerCase();
        const rotation = !rot ? false : text === 'true' ? true : text === 'false' ? false : 'unknown';
        facts.kmsKeys.push({ source: src, region: nameRegion, rotation, ...(rot ? { rotationRegion: region(rot.value) } : {}) });
        break;
      }
      case 'AWS::SecretsManager::Secret': {
        const key = entry(props, 'KmsKeyId');
        const keyText = scalarText(key?.value);
        const awsManaged = keyText !== undefined && /(?:^|alias\/)aws\/secretsmanager$/.test(keyText);
        facts.stores.push({
          kind: 'aws-secretsmanager',
          source: src,
          region: nameRegion,
          rotation: rotated.has(r.key) ? true : rotationUnknown ? 'unknown' : false,
          customerManagedKey: key && !awsManaged ? true : false,
          secretLike: true,
          ...(key && awsManaged ? { keyRegion: region(key.value) } : {}),
        });
        break;
      }
      case 'AWS::SSM::Parameter': {
        const typeEntry = entry(props, 'Type');
        const name = strings(get(props, 'Name'), ctx).values[0]?.text;
        const lastSegment = name?.split('/').filter(Boolean).pop();
        const secretLike = lastSegment ? isSecretLikeName(lastSegment) : isSecretLikeName(r.key.replace(/(Parameter|Param)$/, ''));
        const typeText = scalarText(typeEntry?.value);
        facts.stores.push({
          kind: 'aws-ssm-parameter',
          source: src,
          region: nameRegion,
          rotation: 'unknown',
          customerManagedKey: 'unknown',
          secretLike,
          ...(typeEntry && typeText ? { parameterType: pos(typeText, typeEntry.value) } : {}),
          literalValue: get(props, 'Value')?.kind === 'scalar',
        });
        const valueEntry = entry(props, 'Value');
        if (secretLike && valueEntry?.value.kind === 'scalar' && typeof valueEntry.value.value === 'string') {
          facts.secretAttributes.push({ source: `${src}.Properties.Value`, name: pos(lastSegment && isSecretLikeName(lastSegment) ? lastSegment : r.key.replace(/(Parameter|Param)$/, ''), valueEntry.keySpan), value: pos(valueEntry.value.value, valueEntry.value) });
        }
        break;
      }
      case 'AWS::Lambda::Permission': {
        const principal = get(props, 'Principal');
        const p = strings(principal, ctx);
        const hasCondition = ['SourceArn', 'SourceAccount', 'PrincipalOrgID'].some((k) => get(props, k) !== undefined);
        const action = ev(get(props, 'Action'));
        if (principal) {
          facts.statements.push({
            source: `${src}.Principal`,
            region: region(principal),
            effect: pos('Allow', principal),
            principals: p.values.map((v) => pos(v.text, v.span)),
            actions: action.values.map((v) => pos(v.text, v.span)),
            hasCondition,
            resourcePolicyOf: 'lambda',
            ...(p.unresolved || action.unresolved ? { unresolved: true } : {}),
          });
        }
        break;
      }
      default:
        break;
    }
    // Literal secrets in any other property (MasterUserPassword, ...).
    secretAttributes(props, `${src}.Properties`, 0);
  }

  function secretAttributes(node: PNode | undefined, source: string, depth: number): void {
    if (!node || depth > 8) return;
    if (node.kind === 'seq') node.items.forEach((item, i) => secretAttributes(item, `${source}[${i}]`, depth + 1));
    if (node.kind !== 'map') return;
    namedValue(node, source);
    for (const e of node.entries as PEntry[]) {
      // Settings blocks (`TokenValidityUnits: {AccessToken: hours}`) hold no secrets; a
      // `*Configuration` / `*Config` block is a container (`SourceConfiguration: {OAuthToken: ...}`).
      if (SKIP_FOR_ATTRIBUTES.has(e.key)) continue;
      // A function's `Environment: {Variables: ...}` is judged as its environment (envOf); other
      // resources' `Environment` (ECS, Batch, CodeBuild) are walked like any property.
      if (e.key === 'Environment' && get(e.value, 'Variables')) continue;
      // EC2 user data (Instance, LaunchTemplateData, LaunchConfiguration, spot fleets) is base64
      // when written as a literal (`Fn::Base64` of a literal is plain text: the catalog reads it).
      if (e.key === 'UserData') {
        if (e.value.kind === 'scalar' && typeof e.value.value === 'string') facts.encodedPayloads.push({ source: `${source}.UserData`, value: pos(e.value.value, e.value) });
        continue;
      }
      if (isSettingProperty(e.key, e.value.kind === 'map')) continue;
      if (e.value.kind === 'scalar' && typeof e.value.value === 'string' && isSecretLikeName(e.key)) {
        facts.secretAttributes.push({ source: `${source}.${e.key}`, name: pos(e.key, e.keySpan), value: pos(e.value.value, e.value) });
      } else {
        secretAttributes(e.value, `${source}.${e.key}`, depth + 1);
      }
    }
  }

  /**
   * A name/value pair (ECS `Environment: [{Name, Value}]`, CodeBuild `EnvironmentVariables`, Elastic
   * Beanstalk `OptionSettings: [{OptionName, Value}]`): the value is judged under the name it is
   * given. A CodeBuild variable of `Type: PARAMETER_STORE` / `SECRETS_MANAGER` holds a reference.
   */
  function namedValue(node: Extract<PNode, { kind: 'map' }>, source: string): void {
    const nameNode = get(node, 'Name') ?? get(node, 'OptionName');
    const name = scalarText(nameNode);
    const value = get(node, 'Value');
    if (!nameNode || name === undefined || value?.kind !== 'scalar' || typeof value.value !== 'string') return;
    if (/^(?:PARAMETER_STORE|SECRETS_MANAGER)$/.test(scalarText(get(node, 'Type')) ?? '')) return;
    facts.secretAttributes.push({ source: `${source}.Value`, name: pos(name, nameNode), value: pos(value.value, value) });
  }

  return facts;
}
