/**
 * IAM in code, judged by the same judge as the Terraform / CloudFormation / serverless.yml
 * scanners (`judgePolicyStatement`, `judgeManagedPolicyAttachment` in @leakguard/core): this rule
 * only turns object literals and AWS CDK calls into `PolicyStatementFact`s.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  IAM_RULE_IDS,
  judgeManagedPolicyAttachment,
  judgePolicyStatement,
  type IamIssue,
  type PolicyStatementFact,
  type Positioned,
  type Region,
} from '@leakguard/core';
import { calleeName, dottedName, keyName, propertyName, staticString, unwrap } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { ignoreTestFilesSchema, isTestFileOf } from '../util/files.js';

export type Options = [{ ignore?: string[]; ignoreTestFiles?: boolean; testFilePatterns?: string[] }];
export type MessageIds = 'iamIssue';

type Node = TSESTree.Node;

const OTHER_CLOUDS =
  'AWS: list the actions and ARNs the code uses (CDK grant* methods scope them for you). Azure: assign a narrow role at resource scope, not Owner/Contributor on the subscription. GCP: grant a predefined or custom role on the resource, not roles/owner or roles/editor on the project.';

/** CDK principals that are "anyone". */
const ANY_PRINCIPALS = new Set(['AnyPrincipal', 'StarPrincipal']);
const STATEMENT_KEYS = new Set(['Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Sid']);

export default createRule<Options, MessageIds>({
  name: 'no-wildcard-iam',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow IAM statements in code (object literals, policy JSON, AWS CDK) that grant every action, every resource, NotAction/NotResource, or any principal',
      recommended: 'recommended',
    },
    messages: {
      iamIssue: `{{message}} ({{ruleId}}) ${OTHER_CLOUDS}`,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignore: {
            type: 'array',
            items: { type: 'string' },
            description: 'Judge rule ids not to report (`iam/wildcard-resource`).',
          },
          ...ignoreTestFilesSchema,
        },
      },
    ],
  },
  defaultOptions: [{ ignoreTestFiles: true }],
  create(context, [options]) {
    // Tests of infrastructure code assert on policies (CDK `Template.hasResourceProperties`): fixtures, not grants.
    if (options.ignoreTestFiles !== false && isTestFileOf(context, options.testFilePatterns)) return {};
    const sourceCode = context.sourceCode;
    const ignore = new Set(options.ignore ?? []);
    const nodes = new Map<Region, Node>();
    const seen = new Set<string>();

    const regionOf = (node: Node): Region => {
      const r: Region = {
        startLine: node.loc.start.line,
        startColumn: node.loc.start.column + 1,
        endLine: node.loc.end.line,
        endColumn: node.loc.end.column + 1,
      };
      nodes.set(r, node);
      return r;
    };

    function report(issues: IamIssue[]): void {
      for (const issue of issues) {
        if (ignore.has(issue.ruleId)) continue;
        const node = nodes.get(issue.region);
        const key = `${issue.ruleId}@${issue.region.startLine}:${issue.region.startColumn}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const data = { message: issue.message, ruleId: issue.ruleId };
        if (node) context.report({ node, messageId: 'iamIssue', data });
        else
          context.report({
            loc: { start: { line: issue.region.startLine, column: issue.region.startColumn - 1 }, end: { line: issue.region.endLine, column: issue.region.endColumn - 1 } },
            messageId: 'iamIssue',
            data,
          });
      }
    }

    /** Resolves an identifier to its `const` initializer (one level), else the node itself. */
    function resolve(node: Node): Node {
      const n = unwrap(node);
      if (n.type !== AST_NODE_TYPES.Identifier) return n;
      const v = ASTUtils.findVariable(sourceCode.getScope(n), n);
      const def = v?.defs[0];
      if (v && v.defs.length === 1 && def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init) {
        const parent = def.node.parent;
        if (parent?.type === AST_NODE_TYPES.VariableDeclaration && parent.kind === 'const') return unwrap(def.node.init);
      }
      return n;
    }

    /** String values of `x`, `[x, y]`; `undefined` entries are the ones that are not literal. */
    function strings(node: Node, fact: { unresolved?: boolean }): Positioned<string>[] {
      const n = resolve(node);
      if (n.type === AST_NODE_TYPES.ArrayExpression) {
        const out: Positioned<string>[] = [];
        for (const e of n.elements) {
          if (!e || e.type === AST_NODE_TYPES.SpreadElement) {
            fact.unresolved = true;
            continue;
          }
          out.push(...strings(e, fact));
        }
        return out;
      }
      const s = staticString(n);
      if (s !== undefined) return [{ value: s, region: regionOf(n) }];
      if (n.type === AST_NODE_TYPES.TemplateLiteral) {
        // `arn:aws:s3:::${bucket}/*`: not a literal, but certainly not "*".
        return [{ value: sourceCode.getText(n).slice(1, -1), region: regionOf(n) }];
      }
      fact.unresolved = true;
      return [];
    }

    /** Principal values, flattened: `'*'`, `{ AWS: '*' }`, `{ Service: [...] }`, CDK principal objects. */
    function principals(node: Node, fact: { unresolved?: boolean }): Positioned<string>[] {
      const n = resolve(node);
      if (n.type === AST_NODE_TYPES.ObjectExpression) {
        const out: Positioned<string>[] = [];
        for (const p of n.properties) {
          if (p.type === AST_NODE_TYPES.Property) out.push(...principals(p.value, fact));
          else fact.unresolved = true;
        }
        return out;
      }
      if (n.type === AST_NODE_TYPES.ArrayExpression) {
        return n.elements.flatMap((e) => (e && e.type !== AST_NODE_TYPES.SpreadElement ? principals(e, fact) : []));
      }
      if (n.type === AST_NODE_TYPES.NewExpression) {
        const name = calleeName(n) ?? '';
        if (ANY_PRINCIPALS.has(name)) return [{ value: '*', region: regionOf(n) }];
        const arg = staticString(n.arguments[0]);
        if (arg !== undefined) return [{ value: arg, region: regionOf(n) }];
        return [{ value: `${name}(...)`, region: regionOf(n) }];
      }
      return strings(n, fact);
    }

    function hasCondition(node: Node | undefined): boolean {
      if (!node) return false;
      const n = resolve(node);
      if (n.type === AST_NODE_TYPES.ObjectExpression) return n.properties.length > 0;
      return !(n.type === AST_NODE_TYPES.Literal && n.value === null) && !(n.type === AST_NODE_TYPES.Identifier && n.name === 'undefined');
    }

    const source = (node: Node) => `${context.filename}:${node.loc.start.line}:${node.loc.start.column + 1}`;

    /** A JSON-shaped statement (`Effect`, `Action`, ...). */
    function jsonStatement(obj: TSESTree.ObjectExpression): PolicyStatementFact {
      const fact: PolicyStatementFact = { source: source(obj), region: regionOf(obj), hasCondition: false };
      for (const p of obj.properties) {
        if (p.type !== AST_NODE_TYPES.Property) {
          fact.unresolved = true;
          continue;
        }
        const v = p.value as Node;
        switch (keyName(p)) {
          case 'Effect': {
            const s = staticString(resolve(v));
            if (s !== undefined) fact.effect = { value: s, region: regionOf(v) };
            else fact.unresolved = true;
            break;
          }
          case 'Action':
            fact.actions = strings(v, fact);
            break;
          case 'NotAction':
            fact.notActions = strings(v, fact);
            break;
          case 'Resource':
            fact.resources = strings(v, fact);
            break;
          case 'NotResource':
            fact.notResources = strings(v, fact);
            break;
          case 'Principal':
            fact.principals = principals(v, fact);
            break;
          case 'NotPrincipal':
            fact.notPrincipals = principals(v, fact);
            break;
          case 'Condition':
            fact.hasCondition = hasCondition(v);
            break;
          default:
            break;
        }
      }
      return fact;
    }

    /** CDK `new iam.PolicyStatement({ effect, actions, resources, principals, conditions })`. */
    function cdkStatement(node: TSESTree.NewExpression): PolicyStatementFact {
      // CDK's default effect is ALLOW.
      const fact: PolicyStatementFact = { source: source(node), region: regionOf(node), hasCondition: false, effect: { value: 'Allow', region: regionOf(node) } };
      const props = node.arguments[0] && resolve(node.arguments[0]);
      if (!props) return fact;
      if (props.type !== AST_NODE_TYPES.ObjectExpression) {
        fact.unresolved = true;
        return fact;
      }
      for (const p of props.properties) {
        if (p.type !== AST_NODE_TYPES.Property) {
          fact.unresolved = true;
          continue;
        }
        const v = p.value as Node;
        switch (keyName(p)) {
          case 'effect': {
            // `effect: iam.Effect.DENY`; anything else (a variable, `{effect:e}` in bundled code) is unresolved.
            const ev = unwrap(v);
            const name = ev.type === AST_NODE_TYPES.MemberExpression ? propertyName(ev) : undefined;
            if (name === 'ALLOW' || name === 'DENY') {
              fact.effect = { value: name === 'ALLOW' ? 'Allow' : 'Deny', region: regionOf(v) };
            } else {
              // Unknown effect: do not judge the statement as the default Allow.
              fact.effect = undefined;
              fact.unresolved = true;
            }
            break;
          }
          case 'actions':
            fact.actions = strings(v, fact);
            break;
          case 'notActions':
            fact.notActions = strings(v, fact);
            break;
          case 'resources':
            fact.resources = strings(v, fact);
            break;
          case 'notResources':
            fact.notResources = strings(v, fact);
            break;
          case 'principals':
            fact.principals = principals(v, fact);
            break;
          case 'notPrincipals':
            fact.notPrincipals = principals(v, fact);
            break;
          case 'conditions':
            fact.hasCondition = hasCondition(v);
            break;
          default:
            break;
        }
      }
      return fact;
    }

    /** `stmt.addActions('*')`, `stmt.addResources('*')`, `stmt.addAnyPrincipal()`, `stmt.addCondition(...)` on a `const stmt = new PolicyStatement(...)`. */
    const mutations = new Map<TSESTree.NewExpression, TSESTree.CallExpression[]>();
    const statements: { node: TSESTree.NewExpression; fact: PolicyStatementFact }[] = [];

    function isPolicyStatementNew(node: Node): boolean {
      return node.type === AST_NODE_TYPES.NewExpression && calleeName(node) === 'PolicyStatement';
    }

    function applyMutation(fact: PolicyStatementFact, call: TSESTree.CallExpression): void {
      const name = calleeName(call);
      const args = call.arguments.flatMap((a) => (a.type === AST_NODE_TYPES.SpreadElement ? (fact.unresolved = true, []) : strings(a, fact)));
      switch (name) {
        case 'addActions':
          fact.actions = [...(fact.actions ?? []), ...args];
          break;
        case 'addNotActions':
          fact.notActions = [...(fact.notActions ?? []), ...args];
          break;
        case 'addResources':
          fact.resources = [...(fact.resources ?? []), ...args];
          break;
        case 'addAllResources':
          fact.resources = [...(fact.resources ?? []), { value: '*', region: regionOf(call) }];
          break;
        case 'addNotResources':
          fact.notResources = [...(fact.notResources ?? []), ...args];
          break;
        case 'addAnyPrincipal':
          fact.principals = [...(fact.principals ?? []), { value: '*', region: regionOf(call) }];
          break;
        case 'addPrincipals':
          fact.principals = [...(fact.principals ?? []), ...call.arguments.flatMap((a) => principals(a, fact))];
          break;
        case 'addCondition':
        case 'addConditions':
          fact.hasCondition = true;
          break;
        default:
          break;
      }
    }

    return {
      ObjectExpression(node: TSESTree.ObjectExpression) {
        let hasEffect = false;
        let hasAction = false;
        let keys = 0;
        let statementKeys = 0;
        for (const p of node.properties) {
          if (p.type !== AST_NODE_TYPES.Property) continue;
          const k = keyName(p);
          keys++;
          if (k === undefined) continue;
          if (STATEMENT_KEYS.has(k)) statementKeys++;
          if (k === 'Effect') hasEffect = true;
          if (k === 'Action' || k === 'NotAction') hasAction = true;
        }
        const parent = node.parent;
        const fromJson = parent?.type === AST_NODE_TYPES.CallExpression && calleeName(parent) === 'fromJson' && dottedName(parent.callee)?.endsWith('PolicyStatement.fromJson');
        // A statement: `Effect` + `Action`/`NotAction`, mostly statement keys (not some other object with an `Effect`).
        if (((hasEffect && hasAction) || (fromJson && hasAction)) && statementKeys * 2 >= keys) report(judgePolicyStatement(jsonStatement(node)));
        // managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], ManagedPolicyArns in CFN-shaped objects
        for (const p of node.properties) {
          if (p.type !== AST_NODE_TYPES.Property || !/^managedPolicyArns$/i.test(keyName(p) ?? '')) continue;
          for (const arn of strings(p.value as Node, {})) report(judgeManagedPolicyAttachment({ source: source(p), policyArn: arn }));
        }
      },
      NewExpression(node: TSESTree.NewExpression) {
        if (isPolicyStatementNew(node)) {
          statements.push({ node, fact: cdkStatement(node) });
          return;
        }
        // new iam.AnyPrincipal() outside a PolicyStatement: a grant / trust to anyone.
        if (ANY_PRINCIPALS.has(calleeName(node) ?? '')) {
          for (let n: Node | undefined = node.parent; n; n = n.parent as Node | undefined) {
            if (isPolicyStatementNew(n as Node)) return;
          }
          const parent = node.parent;
          // new AnyPrincipal().withConditions({...}) is conditioned
          if (parent?.type === AST_NODE_TYPES.MemberExpression && propertyName(parent) === 'withConditions') return;
          report(
            judgePolicyStatement({
              source: source(node),
              region: regionOf(node),
              effect: { value: 'Allow', region: regionOf(node) },
              principals: [{ value: '*', region: regionOf(node) }],
              hasCondition: false,
            }),
          );
        }
      },
      CallExpression(node: TSESTree.CallExpression) {
        const name = calleeName(node);
        if (name === 'fromAwsManagedPolicyName') {
          const policy = staticString(node.arguments[0]);
          if (policy !== undefined) {
            const arg = node.arguments[0]!;
            report(judgeManagedPolicyAttachment({ source: source(node), policyArn: { value: `arn:aws:iam::aws:policy/${policy}`, region: regionOf(arg) } }));
          }
          return;
        }
        if (name === 'fromManagedPolicyArn') {
          const arg = node.arguments[2];
          const arn = staticString(arg);
          if (arg && arn !== undefined) report(judgeManagedPolicyAttachment({ source: source(node), policyArn: { value: arn, region: regionOf(arg) } }));
          return;
        }
        // mutations of a const statement
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && name && /^add(Actions|NotActions|Resources|AllResources|NotResources|AnyPrincipal|Principals|Conditions?)$/.test(name)) {
          const target = resolve(callee.object);
          if (isPolicyStatementNew(target)) {
            const t = target as TSESTree.NewExpression;
            mutations.set(t, [...(mutations.get(t) ?? []), node]);
          }
        }
        // JSON policy documents as strings: JSON.parse('{"Statement": [...]}'), PolicyDocument.fromJson(JSON.parse(...))
        if (dottedName(node.callee) === 'JSON.parse') {
          const text = staticString(node.arguments[0]);
          if (text !== undefined && text.includes('Statement')) judgeJsonText(node.arguments[0]!, text);
        }
      },
      'Program:exit'() {
        for (const { node, fact } of statements) {
          for (const call of mutations.get(node) ?? []) applyMutation(fact, call);
          const issues = judgePolicyStatement(fact);
          // In a KMS key policy `Resource: "*"` means the key itself (AWS requires it there).
          report(isKeyPolicyStatement(node) ? issues.filter((i) => i.ruleId !== IAM_RULE_IDS.wildcardResource) : issues);
        }
      },
    } satisfies TSESLint.RuleListener;

    /** `key.addToResourcePolicy(new iam.PolicyStatement(...))`, `this.queue.encryptionMasterKey.addToResourcePolicy(...)`. */
    function isKeyPolicyStatement(node: TSESTree.NewExpression): boolean {
      const call = node.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== node) return false;
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'addToResourcePolicy') return false;
      const recv = unwrap(callee.object);
      const recvName = recv.type === AST_NODE_TYPES.Identifier ? recv.name : recv.type === AST_NODE_TYPES.MemberExpression ? propertyName(recv) : undefined;
      return !!recvName && /key$/i.test(recvName);
    }

    /** A policy document in a string: judged with the string literal as the position of everything. */
    function judgeJsonText(node: Node, text: string): void {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        return;
      }
      const stmts = (doc as { Statement?: unknown })?.Statement;
      const list = Array.isArray(stmts) ? stmts : stmts ? [stmts] : [];
      const region = regionOf(node);
      const pos = (v: unknown): Positioned<string>[] | undefined =>
        v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((value) => ({ value, region }));
      const flat = (v: unknown): Positioned<string>[] | undefined =>
        v === undefined ? undefined : typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.values(v).flatMap((x) => pos(x) ?? []) : pos(v);
      list.forEach((s: Record<string, unknown>, i) => {
        if (typeof s !== 'object' || s === null) return;
        const fact: PolicyStatementFact = { source: `${source(node)}/Statement[${i}]`, region, hasCondition: !!s.Condition && Object.keys(s.Condition as object).length > 0 };
        if (typeof s.Effect === 'string') fact.effect = { value: s.Effect, region };
        const set = <K extends keyof PolicyStatementFact>(k: K, v: PolicyStatementFact[K] | undefined) => {
          if (v !== undefined) fact[k] = v;
        };
        set('actions', pos(s.Action));
        set('notActions', pos(s.NotAction));
        set('resources', pos(s.Resource));
        set('notResources', pos(s.NotResource));
        set('principals', flat(s.Principal));
        set('notPrincipals', flat(s.NotPrincipal));
        report(judgePolicyStatement(fact));
      });
    }
  },
});

