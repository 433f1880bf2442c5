/**
 * Terraform model -> facts: IAM policies (inline JSON, heredocs, `jsonencode`, policy documents),
 * managed policy attachments, function environments (Lambda, Azure Functions, Cloud Functions,
 * Cloud Run), secret stores, KMS keys, variables and outputs, literal secret attributes.
 */
import { POLICY_RESOURCES } from './policy-resources.js';
import {
  ResolveBudget,
  classifyLiteral,
  emptyFactSet,
  isSecretLikeName,
  regionOf,
  type EnvValue,
  type FactSet,
  type FunctionPlatform,
  type PolicyStatementFact,
  type ConditionTestFact,
  type Positioned,
  type Region,
} from '@leakguard/core';
import { Evaluator, stringsOf, type Scope, type V } from './evaluate.js';
import { parseJson, type J } from './json.js';
import { attr, blocks, type HBlock, type HBody, type HExpr } from './model.js';

/** isSecretLikeName (pure) remembered per name: the same attribute names recur in every file. */
const secretNames = new Map<string, boolean>();
function secretLikeName(name: string): boolean {
  let v = secretNames.get(name);
  if (v === undefined) {
    v = isSecretLikeName(name);
    if (secretNames.size >= 20000) secretNames.clear();
    secretNames.set(name, v);
  }
  return v;
}

/** What the other files of the module contribute. */
export interface ModuleSymbols extends Scope {
  /** `aws_secretsmanager_secret` names that have an `aws_secretsmanager_secret_rotation`. */
  rotated: Set<string>;
  /** A rotation resource whose target could not be resolved: rotation of any secret is unknown. */
  rotationUnknown: boolean;
}

export function emptySymbols(): ModuleSymbols {
  return { variables: new Map(), locals: new Map(), rotated: new Set(), rotationUnknown: false };
}

/** Adds one file's declarations to the module's symbols. */
export function collectSymbols(body: HBody, into: ModuleSymbols, tfvars = false): void {
  if (tfvars) {
    for (const a of body.attrs) {
      const decl = into.variables.get(a.name) ?? { sensitive: 'unknown' as const };
      decl.assigned = a.expr;
      into.variables.set(a.name, decl);
    }
    return;
  }
  for (const b of body.blocks) {
    if (b.type === 'variable' && b.labels[0]) {
      const name = b.labels[0];
      const s = attr(b.body, 'sensitive')?.expr;
      const sensitive = !s ? false : s.k === 'lit' && typeof s.value === 'boolean' ? s.value : 'unknown';
      const prev = into.variables.get(name);
      const def = attr(b.body, 'default')?.expr;
      into.variables.set(name, { sensitive, ...(def ? { default: def } : {}), ...(prev?.assigned ? { assigned: prev.assigned } : {}) });
    } else if (b.type === 'locals') {
      for (const a of b.body.attrs) into.locals.set(a.name, a.expr);
    } else if (b.type === 'resource' && b.labels[0] === 'aws_secretsmanager_secret_rotation') {
      const id = attr(b.body, 'secret_id')?.expr;
      if (id?.k === 'ref' && id.root === 'aws_secretsmanager_secret' && typeof id.path[0] === 'string') into.rotated.add(id.path[0]);
      else into.rotationUnknown = true;
    }
  }
}


const ATTACHMENTS: Record<string, string> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_ssoadmin_managed_policy_attachment: 'managed_policy_arn',
};

const FUNCTION_APPS = new Set(['azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_function_app', 'azurerm_linux_function_app_slot', 'azurerm_windows_function_app_slot', 'azurerm_function_app_flex_consumption']);

/** Nested blocks that reference a secret store by name (the good pattern). */
const REFERENCE_BLOCKS = new Set(['secret_environment_variables', 'secret_volumes', 'secret_key_ref', 'value_source', 'value_from', 'secret_ref']);

/** Blocks whose attributes are not judged as secret attributes (their own checks handle them). */
const NO_ATTRIBUTE_SCAN = new Set(['variable', 'output', 'terraform']);

export interface FileFactsInput {
  body: HBody;
  text: string;
  starts: number[];
  symbols: ModuleSymbols;
  /** `.tfvars`: every attribute is an assignment. */
  tfvars?: boolean;
  /** The file's resolution budget (its notification is the caller's to report). */
  budget?: ResolveBudget;
}

export function terraformFacts(input: FileFactsInput): FactSet {
  const { body, starts, symbols } = input;
  const facts = emptyFactSet();
  const ev = new Evaluator(symbols, input.budget ?? new ResolveBudget());
  const pos = (value: string, r: Region): Positioned<string> => ({ value, region: r });

  if (input.tfvars) {
    for (const a of body.attrs) {
      const v = ev.eval(a.expr);
      if (v.t === 'str') facts.secretAttributes.push({ source: `tfvars.${a.name}`, name: pos(a.name, a.nameRegion), value: pos(v.v, v.r) });
    }
    return facts;
  }

  /** JSON text of a policy -> V with positions inside the file when the text maps 1:1. */
  const jsonToV = (j: J, off: number | undefined, fallback: Region): V => {
    const r = off === undefined ? fallback : regionOf(starts, off + j.start, off + j.end);
    switch (j.t) {
      case 'obj':
        return { t: 'obj', entries: j.entries.map((e) => ({ key: e.key, keyRegion: off === undefined ? fallback : regionOf(starts, off + e.keyStart, off + e.keyEnd), value: jsonToV(e.value, off, fallback) })), r };
      case 'arr':
        return { t: 'list', items: j.items.map((x) => jsonToV(x, off, fallback)), r };
      case 'str':
        return j.v.includes('${') ? { t: 'unknown', r, ref: j.v } : { t: 'str', v: j.v, r };
      case 'num':
        return { t: 'num', v: j.v, r };
      case 'bool':
        return { t: 'bool', v: j.v, r };
      case 'null':
        return { t: 'null', r };
    }
  };

  /** A JSON attribute's value as a document (a policy, ECS container definitions): jsonencode structure, heredoc or string JSON. */
  const policyDoc = (e: HExpr): V | undefined => {
    let v = ev.eval(e);
    if (v.t === 'unknown' && e.k === 'tpl') {
      // A heredoc with interpolations: keep them as text (never "*") and read the JSON around them.
      const text = e.parts.map((p) => (typeof p === 'string' ? p : ((): string => {
        const x = ev.eval(p);
        return x.t === 'str' || x.t === 'num' || x.t === 'bool' ? String(x.v) : '${unresolved}';
      })())).join('');
      v = { t: 'str', v: text, r: e.r };
    }
    if (v.t !== 'str') return v.t === 'obj' || v.t === 'list' ? v : undefined;
    try {
      // A `<<-` heredoc written in this file: its JSON read where it is written (same meaning, exact positions).
      if (e.k === 'lit' && e.written) return jsonToV(parseJson(input.text.slice(e.written.start, e.written.end), true), e.written.start, v.r);
      return jsonToV(parseJson(v.v, true), v.off, v.r);
    } catch {
      return undefined;
    }
  };

  const statementsFromDoc = (doc: V | undefined, source: string, resourcePolicyOf?: string): void => {
    if (!doc || doc.t !== 'obj') return;
    const st = doc.entries.find((e) => e.key === 'Statement')?.value;
    if (!st) return;
    const list = st.t === 'list' ? st.items : [st];
    list.forEach((s, i) => {
      if (s.t !== 'obj') return;
      const get = (k: string) => s.entries.find((e) => e.key === k)?.value;
      const fact: PolicyStatementFact = { source: `${source}.Statement[${i}]`, region: s.r, hasCondition: false };
      if (resourcePolicyOf) fact.resourcePolicyOf = resourcePolicyOf;
      let unresolved = false;
      const effect = get('Effect');
      if (effect?.t === 'str') fact.effect = pos(effect.v, effect.r);
      else if (effect) unresolved = true;
      for (const [key, field] of [['Action', 'actions'], ['NotAction', 'notActions'], ['Resource', 'resources'], ['NotResource', 'notResources']] as const) {
        const node = get(key);
        if (!node) continue;
        const r = stringsOf(node);
        fact[field] = r.values.map((x) => pos(x.text, x.r));
        unresolved ||= r.unresolved;
      }
      for (const [key, field] of [['Principal', 'principals'], ['NotPrincipal', 'notPrincipals']] as const) {
        const node = get(key);
        if (!node) continue;
        const parts = node.t === 'obj' ? node.entries.map((e) => e.value) : [node];
        const values: Positioned<string>[] = [];
        for (const p of parts) {
          const r = stringsOf(p);
          values.push(...r.values.map((x) => pos(x.text, x.r)));
          unresolved ||= r.unresolved;
        }
        fact[field] = values;
      }
      const cond = get('Condition');
      fact.hasCondition = cond !== undefined && !(cond.t === 'obj' && cond.entries.length === 0);
      if (fact.hasCondition && cond?.t === 'obj' && cond.entries.every((op) => op.value.t === 'obj')) {
        fact.conditions = cond.entries.flatMap((op) =>
          op.value.t !== 'obj' ? [] : op.value.entries.map((e) => {
            const v = stringsOf(e.value);
            return { operator: op.key, key: e.key, ...(v.unresolved ? {} : { values: v.values.map((x) => x.text) }) };
          }),
        );
      }
      if (unresolved) fact.unresolved = true;
      facts.statements.push(fact);
    });
  };

  /** `data "aws_iam_policy_document"` statement blocks. */
  const policyDocument = (b: HBlock, source: string): void => {
    blocks(b.body, 'statement').forEach((s, i) => {
      const conditions = blocks(s.body, 'condition');
      const fact: PolicyStatementFact = { source: `${source}.statement[${i}]`, region: s.header, hasCondition: conditions.length > 0 };
      const tests = conditions.map((c) => {
        const [test, variable, values] = ['test', 'variable', 'values'].map((k) => { const a = attr(c.body, k); return a ? ev.eval(a.expr) : undefined; });
        if (test?.t !== 'str' || variable?.t !== 'str') return undefined;
        const v = values ? stringsOf(values) : undefined;
        return { operator: test.v, key: variable.v, ...(v && !v.unresolved ? { values: v.values.map((x) => x.text) } : {}) };
      });
      if (conditions.length && tests.every((t) => t !== undefined)) fact.conditions = tests as ConditionTestFact[];
      let unresolved = false;
      const effect = attr(s.body, 'effect');
      if (effect) {
        const v = ev.eval(effect.expr);
        if (v.t === 'str') fact.effect = pos(v.v, v.r);
        else unresolved = true;
      } else fact.effect = pos('Allow', s.header);
      for (const [key, field] of [['actions', 'actions'], ['not_actions', 'notActions'], ['resources', 'resources'], ['not_resources', 'notResources']] as const) {
        const a = attr(s.body, key);
        if (!a) continue;
        const r = stringsOf(ev.eval(a.expr));
        fact[field] = r.values.map((x) => pos(x.text, x.r));
        unresolved ||= r.unresolved;
      }
      for (const [key, field] of [['principals', 'principals'], ['not_principals', 'notPrincipals']] as const) {
        const ps = blocks(s.body, key);
        if (ps.length === 0) continue;
        const values: Positioned<string>[] = [];
        for (const p of ps) {
          const ids = attr(p.body, 'identifiers');
          if (!ids) continue;
          const r = stringsOf(ev.eval(ids.expr));
          values.push(...r.values.map((x) => pos(x.text, x.r)));
          unresolved ||= r.unresolved;
        }
        fact[field] = values;
      }
      if (unresolved) fact.unresolved = true;
      facts.statements.push(fact);
    });
    if (b.body.blocks.some((x) => x.type === 'dynamic')) {
      // dynamic "statement" blocks are generated from unknown collections: nothing to judge.
    }
    for (const key of ['source_policy_documents', 'override_policy_documents']) {
      const a = attr(b.body, key);
      if (!a || a.expr.k !== 'tuple') continue;
      a.expr.items.forEach((item, i) => statementsFromDoc(policyDoc(item), `${source}.${key}[${i}]`));
    }
  };

  const envValue = (v: V): EnvValue => {
    if (v.t === 'str') return classifyLiteral(v.v);
    if (v.t !== 'unknown' || !v.ref) return { kind: 'unresolved' };
    const ref = v.ref;
    if (ref.includes('@Microsoft.KeyVault(')) return { kind: 'reference', store: 'keyvault', text: ref };
    const varMatch = /^var\.([A-Za-z0-9_-]+)$/.exec(ref);
    if (varMatch) {
      const decl = symbols.variables.get(varMatch[1]!);
      if (decl?.sensitive === true) return { kind: 'reference', store: 'sensitive-variable', text: ref };
      if (decl?.sensitive === false) return { kind: 'deploy-time', source: `Terraform variable ${ref} without sensitive = true`, text: ref };
      return { kind: 'unresolved', text: ref };
    }
    const target = ref.replace(/^data\./, '');
    if (/^aws_secretsmanager_secret/.test(target)) return { kind: 'reference', store: 'secretsmanager', text: ref };
    if (/^aws_ssm_parameter/.test(target)) return { kind: 'reference', store: 'ssm', text: ref };
    if (/^azurerm_key_vault_secret/.test(target)) return { kind: 'reference', store: 'keyvault', text: ref };
    if (/^google_secret_manager_secret/.test(target)) return { kind: 'reference', store: 'gcp-secret-manager', text: ref };
    if (ref.startsWith('data.')) return { kind: 'reference', store: 'other', text: ref };
    return { kind: 'unresolved', text: ref };
  };

  const envMap = (platform: FunctionPlatform, fn: string, e: HExpr | undefined): void => {
    if (!e) return;
    const v = ev.eval(e);
    if (v.t !== 'obj') return;
    for (const x of v.entries) facts.envVars.push({ platform, functionName: fn, name: pos(x.key, x.keyRegion), value: envValue(x.value), valueRegion: x.value.r });
  };

  const envBlocks = (platform: FunctionPlatform, fn: string, containers: HBlock[]): void => {
    for (const c of containers) {
      for (const env of blocks(c.body, 'env')) {
        const name = attr(env.body, 'name');
        const value = attr(env.body, 'value');
        if (!name || !value) continue; // value_from / value_source: a Secret Manager reference
        const n = ev.eval(name.expr);
        if (n.t !== 'str') continue;
        const v = ev.eval(value.expr);
        facts.envVars.push({ platform, functionName: fn, name: pos(n.v, n.r), value: envValue(v), valueRegion: v.r });
      }
    }
  };

  /** ECS `container_definitions` (`jsonencode([...])` or JSON text): each container's `environment` list of `{name, value}`; `secrets` (`valueFrom`) is the good pattern. */
  const ecsContainers = (fn: string, e: HExpr | undefined): void => {
    const v = e ? policyDoc(e) : undefined;
    if (v?.t !== 'list') return;
    for (const c of v.items) {
      if (c.t !== 'obj') continue;
      const env = c.entries.find((x) => x.key === 'environment')?.value;
      if (env?.t !== 'list') continue;
      for (const item of env.items) {
        if (item.t !== 'obj') continue;
        const n = item.entries.find((x) => x.key === 'name')?.value;
        const value = item.entries.find((x) => x.key === 'value')?.value;
        if (n?.t !== 'str' || !value) continue;
        facts.envVars.push({ platform: 'aws-ecs', functionName: fn, name: pos(n.v, n.r), value: envValue(value), valueRegion: value.r });
      }
    }
  };

  const attributes = (b: HBody, source: string, depth: number): void => {
    if (depth > 6) return;
    for (const a of b.attrs) {
      // `secret = "db-password"` in a nested block names a secret (GCP secret_environment_variables, Kubernetes secret_key_ref).
      if (depth > 0 && a.name === 'secret') continue;
      // `user_data_base64`, and a launch template's `user_data` (base64 by the API): decoded and
      // scanned; `user_data = base64encode("...")` or a heredoc is plain text the catalog reads.
      if ((a.name === 'user_data_base64' || a.name === 'user_data') && a.expr.k === 'lit' && typeof a.expr.value === 'string') {
        facts.encodedPayloads.push({ source: `${source}.${a.name}`, value: pos(a.expr.value, a.expr.r) });
        continue;
      }
      if (a.expr.k === 'lit' && typeof a.expr.value === 'string' && secretLikeName(a.name)) {
        facts.secretAttributes.push({ source: `${source}.${a.name}`, name: pos(a.name, a.nameRegion), value: pos(a.expr.value, a.expr.r) });
      }
    }
    for (const nb of b.blocks) if (!REFERENCE_BLOCKS.has(nb.type)) attributes(nb.body, `${source}.${nb.type}`, depth + 1);
  };

  for (const b of body.blocks) {
    const [type = '', name = ''] = b.labels;
    const address = b.type === 'data' ? `data.${type}.${name}` : b.type === 'resource' ? `${type}.${name}` : `${b.type}.${b.labels.join('.')}`;
    if (!NO_ATTRIBUTE_SCAN.has(b.type)) attributes(b.body, address, 0);

    if (b.type === 'output') {
      // An output of a store's ARN, id or name carries no secret, whatever the output's name.
      const value = attr(b.body, 'value')?.expr;
      const last = value?.k === 'ref' ? value.path[value.path.length - 1] : undefined;
      if (typeof last === 'string' && /^(arn|arns|id|ids|name|names|endpoint|url|uri|version_id|key_id|secret_id)$/.test(last)) continue;
    }
    if (b.type === 'variable' || b.type === 'output') {
      const sensitiveAttr = attr(b.body, 'sensitive');
      const s = sensitiveAttr ? ev.eval(sensitiveAttr.expr) : undefined;
      const masked: boolean | 'unknown' = !sensitiveAttr ? false : s?.t === 'bool' ? s.v : 'unknown';
      const def = b.type === 'variable' ? attr(b.body, 'default') : undefined;
      const defV = def ? ev.eval(def.expr) : undefined;
      const nameRegion = b.header;
      facts.inputs.push({
        kind: b.type === 'variable' ? 'tf-variable' : 'tf-output',
        source: address,
        name: pos(b.labels[0] ?? '', nameRegion),
        masked,
        ...(defV?.t === 'str' && def?.expr.k === 'lit' ? { defaultValue: pos(defV.v, defV.r) } : {}),
      });
      continue;
    }
    if (b.type === 'module') {
      // Maps passed to a module (an `environment` map, `app_settings`) are judged like attributes:
      // the module turns them into configuration this file cannot see.
      for (const a of b.body.attrs) {
        // A policy passed as an input (`policy = <<POLICY`, `bucket_policy = jsonencode(...)`). A
        // document with a Principal is a resource or trust policy: its Resource "*" is its resource.
        if (/policy/i.test(a.name)) {
          const doc = policyDoc(a.expr);
          const st = doc?.t === 'obj' ? doc.entries.find((e) => e.key === 'Statement')?.value : undefined;
          const withPrincipal = (st?.t === 'list' ? st.items : st ? [st] : []).some((x) => x.t === 'obj' && x.entries.some((e) => e.key === 'Principal' || e.key === 'NotPrincipal'));
          statementsFromDoc(doc, `${address}.${a.name}`, withPrincipal ? 'module-input' : undefined);
        }
        const v = a.expr.k === 'object' ? ev.eval(a.expr) : undefined;
        if (v?.t !== 'obj') continue;
        for (const e of v.entries) {
          if (e.value.t === 'str') facts.secretAttributes.push({ source: `${address}.${a.name}.${e.key}`, name: pos(e.key, e.keyRegion), value: pos(e.value.v, e.value.r) });
        }
      }
      continue;
    }
    if (b.type === 'provider' || b.type === 'locals') continue;

    if (b.type === 'data' && type === 'aws_iam_policy_document') {
      policyDocument(b, address);
      continue;
    }
    if (b.type !== 'resource') continue;

    for (const p of POLICY_RESOURCES[type] ?? []) {
      const a = attr(b.body, p.attribute);
      if (a) statementsFromDoc(policyDoc(a.expr), `${address}.${p.attribute}`, p.resourcePolicyOf);
    }
    if (type === 'aws_iam_role') {
      blocks(b.body, 'inline_policy').forEach((ip, i) => {
        const a = attr(ip.body, 'policy');
        if (a) statementsFromDoc(policyDoc(a.expr), `${address}.inline_policy[${i}]`);
      });
      const managed = attr(b.body, 'managed_policy_arns');
      if (managed) for (const x of stringsOf(ev.eval(managed.expr)).values) facts.attachments.push({ source: `${address}.managed_policy_arns`, policyArn: pos(x.text, x.r) });
    }
    const attachAttr = ATTACHMENTS[type];
    if (attachAttr) {
      const a = attr(b.body, attachAttr);
      const v = a ? ev.eval(a.expr) : undefined;
      if (v?.t === 'str') facts.attachments.push({ source: address, policyArn: pos(v.v, v.r) });
    }
    if (type === 'aws_iam_role_policy_attachments_exclusive' || type === 'aws_iam_user_policy_attachments_exclusive') {
      const a = attr(b.body, 'policy_arns');
      if (a) for (const x of stringsOf(ev.eval(a.expr)).values) facts.attachments.push({ source: address, policyArn: pos(x.text, x.r) });
    }
    if (type === 'aws_lambda_permission') {
      const p = attr(b.body, 'principal');
      const v = p ? ev.eval(p.expr) : undefined;
      if (p && v?.t === 'str') {
        const hasCondition = ['source_arn', 'source_account', 'principal_org_id'].some((k) => attr(b.body, k) !== undefined);
        const action = attr(b.body, 'action');
        const act = action ? ev.eval(action.expr) : undefined;
        facts.statements.push({
          source: `${address}.principal`, region: v.r, effect: pos('Allow', v.r), principals: [pos(v.v, v.r)], hasCondition, resourcePolicyOf: 'lambda',
          ...(act?.t === 'str' ? { actions: [pos(act.v, act.r)] } : action ? { unresolved: true } : {}),
        });
      }
    }

    switch (type) {
      case 'aws_lambda_function': {
        for (const env of blocks(b.body, 'environment')) envMap('aws-lambda', address, attr(env.body, 'variables')?.expr);
        const kms = attr(b.body, 'kms_key_arn');
        const kv = kms ? ev.eval(kms.expr) : undefined;
        facts.functions.push({ platform: 'aws-lambda', functionName: address, region: b.header, kmsKey: !kms || kv?.t === 'null' ? false : kv?.t === 'str' && kv.v === '' ? false : true });
        break;
      }
      case 'google_cloudfunctions_function':
        envMap('gcp-cloud-functions', address, attr(b.body, 'environment_variables')?.expr);
        break;
      case 'google_cloudfunctions2_function':
        for (const sc of blocks(b.body, 'service_config')) envMap('gcp-cloud-functions', address, attr(sc.body, 'environment_variables')?.expr);
        for (const bc of blocks(b.body, 'build_config')) envMap('gcp-cloud-functions', address, attr(bc.body, 'environment_variables')?.expr);
        break;
      case 'google_cloud_run_service':
        for (const t of blocks(b.body, 'template')) for (const spec of blocks(t.body, 'spec')) envBlocks('gcp-cloud-run', address, blocks(spec.body, 'containers'));
        break;
      case 'google_cloud_run_v2_service':
      case 'google_cloud_run_v2_job':
        for (const t of blocks(b.body, 'template')) {
          envBlocks('gcp-cloud-run', address, blocks(t.body, 'containers'));
          for (const inner of blocks(t.body, 'template')) envBlocks('gcp-cloud-run', address, blocks(inner.body, 'containers'));
        }
        break;
      case 'aws_ecs_task_definition':
        ecsContainers(address, attr(b.body, 'container_definitions')?.expr);
        break;
      case 'aws_apprunner_service':
        for (const sc of blocks(b.body, 'source_configuration'))
          for (const repo of [...blocks(sc.body, 'image_repository'), ...blocks(sc.body, 'code_repository')])
            for (const ic of [...blocks(repo.body, 'image_configuration'), ...blocks(repo.body, 'code_configuration').flatMap((cc) => blocks(cc.body, 'code_configuration_values'))])
              envMap('aws-apprunner', address, attr(ic.body, 'runtime_environment_variables')?.expr);
        break;
      case 'google_secret_manager_secret': {
        // Rotation is a `rotation { rotation_period, next_rotation_time }` block (it needs `topics` to notify a rotator).
        const rotation = blocks(b.body, 'rotation')[0];
        facts.stores.push({ kind: 'gcp-secret', source: address, region: b.header, rotation: rotation ? true : false, customerManagedKey: 'unknown', secretLike: true });
        break;
      }
      case 'aws_secretsmanager_secret': {
        const key = attr(b.body, 'kms_key_id');
        const kv = key ? ev.eval(key.expr) : undefined;
        const awsManaged = kv?.t === 'str' && /(?:^|alias\/)aws\/secretsmanager$/.test(kv.v);
        const inlineRotation = attr(b.body, 'rotation_lambda_arn') !== undefined || blocks(b.body, 'rotation_rules').length > 0;
        facts.stores.push({
          kind: 'aws-secretsmanager',
          source: address,
          region: b.header,
          rotation: inlineRotation || symbols.rotated.has(name) ? true : symbols.rotationUnknown ? 'unknown' : false,
          customerManagedKey: key && !awsManaged ? true : false,
          secretLike: true,
          ...(awsManaged && kv ? { keyRegion: kv.r } : {}),
        });
        break;
      }
      case 'aws_kms_key': {
        const spec = ev.eval(attr(b.body, 'customer_master_key_spec')?.expr ?? attr(b.body, 'key_spec')?.expr ?? { k: 'lit', value: 'SYMMETRIC_DEFAULT', r: b.header });
        const usage = ev.eval(attr(b.body, 'key_usage')?.expr ?? { k: 'lit', value: 'ENCRYPT_DECRYPT', r: b.header });
        if (spec.t !== 'str' || spec.v !== 'SYMMETRIC_DEFAULT' || usage.t !== 'str' || usage.v !== 'ENCRYPT_DECRYPT') break;
        const rot = attr(b.body, 'enable_key_rotation');
        const rv = rot ? ev.eval(rot.expr) : undefined;
        facts.kmsKeys.push({ source: address, region: b.header, rotation: !rot ? false : rv?.t === 'bool' ? rv.v : 'unknown', ...(rv ? { rotationRegion: rv.r } : {}) });
        break;
      }
      case 'aws_ssm_parameter': {
        const t = attr(b.body, 'type');
        const tv = t ? ev.eval(t.expr) : undefined;
        const n = attr(b.body, 'name');
        const nv = n ? ev.eval(n.expr) : undefined;
        const last = nv?.t === 'str' ? nv.v.split('/').filter(Boolean).pop() : undefined;
        facts.stores.push({
          kind: 'aws-ssm-parameter',
          source: address,
          region: b.header,
          rotation: 'unknown',
          customerManagedKey: 'unknown',
          secretLike: last ? isSecretLikeName(last) : isSecretLikeName(name),
          ...(tv?.t === 'str' ? { parameterType: pos(tv.v, tv.r) } : {}),
          literalValue: attr(b.body, 'value')?.expr.k === 'lit',
        });
        // A secret-named parameter whose value is written here: the secret is in the code.
        const value = attr(b.body, 'value');
        if (value?.expr.k === 'lit' && typeof value.expr.value === 'string') {
          facts.secretAttributes.push({ source: `${address}.value`, name: pos(last ?? name, value.nameRegion), value: pos(value.expr.value, value.expr.r) });
        }
        break;
      }
      case 'azurerm_key_vault_secret': {
        const value = attr(b.body, 'value');
        const kvName = ev.eval(attr(b.body, 'name')?.expr ?? { k: 'lit', value: name, r: b.header });
        if (value?.expr.k === 'lit' && typeof value.expr.value === 'string') {
          // Judged by the secret's name, or as a secret whatever its name: it is a Key Vault secret.
          const n = kvName.t === 'str' && isSecretLikeName(kvName.v) ? kvName.v : `${name}-secret`;
          facts.secretAttributes.push({ source: `${address}.value`, name: pos(n, value.nameRegion), value: pos(value.expr.value, value.expr.r) });
        }
        facts.stores.push({ kind: 'azure-keyvault-secret', source: address, region: b.header, rotation: attr(b.body, 'expiration_date') ? true : false, customerManagedKey: 'unknown', secretLike: true });
        break;
      }
      default:
        if (FUNCTION_APPS.has(type)) envMap('azure-functions', address, attr(b.body, 'app_settings')?.expr);
    }
  }
  return facts;
}
