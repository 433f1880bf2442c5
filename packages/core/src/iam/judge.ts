/**
 * The IAM policy judge: one verdict on a policy statement, whatever wrote it (Terraform,
 * CloudFormation/SAM, serverless.yml, an object literal or a CDK call seen by the ESLint plugin).
 *
 * Deny statements are never findings. Values a scanner could not resolve are absent from the fact
 * (and the statement is marked `unresolved`): they are never guessed into a finding, so every
 * finding here rests on a literal the reviewer can see.
 */
import type { Region } from '../finding.js';
import type { ConditionTestFact, ManagedPolicyAttachmentFact, PolicyStatementFact, Positioned } from '../facts.js';
import { IAM_RULE_IDS, IAM_RULES } from './rules.js';
import { actionMatches, requiresWildcardResource } from './wildcard-actions.js';

export { IAM_RULES, IAM_RULE_IDS };
export { ACTIONS_REQUIRING_WILDCARD_RESOURCE, requiresWildcardResource, actionMatches } from './wildcard-actions.js';

export interface IamIssue {
  ruleId: string;
  message: string;
  /** The offending attribute's value. */
  region: Region;
  /** Stable across edits: `<statement source>/<Attribute>[/<value>]`. */
  subject: string;
}

/** `*` and `*:*` grant every action of every service. */
function isFullWildcard(action: string): boolean {
  const a = action.trim();
  return a === '*' || a === '*:*';
}

/** `s3:*`: every action of one service. */
function isServiceWildcard(action: string): boolean {
  return /^[a-z0-9-]+:\*$/i.test(action.trim());
}

/** `s3:Put*`, `iam:*Policy`: a pattern that is neither `*` nor `service:*`. */
function isPrefixWildcard(action: string): boolean {
  const a = action.trim();
  return /[*?]/.test(a) && !isFullWildcard(a) && !isServiceWildcard(a);
}

/** Read-only families (`Describe*`, `List*`) widen little; they are not reported as prefixes. */
function isReadOnlyFamily(action: string): boolean {
  const name = action.trim().split(':')[1] ?? '';
  return /^(describe|list)[a-z]*\*$/i.test(name);
}

function isWildcardResource(resource: string): boolean {
  return resource.trim() === '*';
}

function isWildcardPrincipal(principal: string): boolean {
  return principal.trim() === '*';
}

/** Which effect applies; `undefined` when it could not be resolved (then nothing is judged). */
function effectOf(stmt: PolicyStatementFact): 'allow' | 'deny' | undefined {
  if (stmt.effect) {
    const e = stmt.effect.value.trim().toLowerCase();
    if (e === 'allow') return 'allow';
    if (e === 'deny') return 'deny';
    return undefined;
  }
  // A statement without an Effect key is an Allow in `aws_iam_policy_document` (the scanners fill
  // in the default elsewhere); when it was there but unresolved, do not guess.
  return stmt.unresolved ? undefined : 'allow';
}

function sub(stmt: PolicyStatementFact, attribute: string, value?: string): string {
  return value === undefined ? `${stmt.source}/${attribute}` : `${stmt.source}/${attribute}/${value}`;
}

function first<T>(list: Positioned<T>[] | undefined): Positioned<T> | undefined {
  return list && list.length > 0 ? list[0] : undefined;
}

/** Judges one statement. */
export function judgePolicyStatement(stmt: PolicyStatementFact): IamIssue[] {
  if (effectOf(stmt) !== 'allow') return [];
  const issues: IamIssue[] = [];
  const actions = stmt.actions ?? [];
  const resources = stmt.resources ?? [];
  // In a resource policy (a key's, a topic's...), Resource "*" is that resource itself.
  const selfScoped = stmt.resourcePolicyOf !== undefined && DEFAULT_POLICY_SERVICES.has(stmt.resourcePolicyOf.toLowerCase());
  const wildcardResource = stmt.resourcePolicyOf !== undefined ? undefined : resources.find((r) => isWildcardResource(r.value));
  const anyonePrincipal = (stmt.principals ?? []).some((p) => isWildcardPrincipal(p.value));
  let fullWildcard = false;

  for (const action of actions) {
    const a = action.value.trim();
    if (isFullWildcard(a)) {
      fullWildcard = true;
      issues.push({
        ruleId: IAM_RULE_IDS.wildcardAction,
        message: wildcardResource
          ? `Statement allows every action ("${a}") on every resource: full administrator access.`
          : `Statement allows every action of every service ("${a}").`,
        region: action.region,
        subject: sub(stmt, 'Action', a),
      });
    } else if (isServiceWildcard(a)) {
      // `kms:*` for named principals in a key policy is AWS's default key policy (it delegates to IAM).
      if (selfScoped && !anyonePrincipal && a.toLowerCase() === `${stmt.resourcePolicyOf!.toLowerCase()}:*`) continue;
      issues.push({
        ruleId: IAM_RULE_IDS.serviceWildcardAction,
        message: `Statement allows every action of a service ("${a}"); list the actions the code calls.`,
        region: action.region,
        subject: sub(stmt, 'Action', a),
      });
    } else if (isPrefixWildcard(a) && !isReadOnlyFamily(a) && !requiresWildcardResource(a)) {
      issues.push({
        ruleId: IAM_RULE_IDS.wildcardActionPrefix,
        message: `Action pattern "${a}" grants every matching action, including ones added to the service later; list the actions the code calls.`,
        region: action.region,
        subject: sub(stmt, 'Action', a),
      });
    }
  }

  const notAction = first(stmt.notActions);
  if (notAction) {
    issues.push({
      ruleId: IAM_RULE_IDS.notActionAllow,
      message: 'Allow with NotAction grants every action except the listed ones, including actions added to AWS later; allow the needed actions instead.',
      region: notAction.region,
      subject: sub(stmt, 'NotAction'),
    });
  }
  const notResource = first(stmt.notResources);
  if (notResource) {
    issues.push({
      ruleId: IAM_RULE_IDS.notResourceAllow,
      message: 'Allow with NotResource grants the actions on every resource except the listed ones; list the resources instead.',
      region: notResource.region,
      subject: sub(stmt, 'NotResource'),
    });
  }

  if (wildcardResource) {
    // iam:PassRole on "*" lets the holder hand any role (an admin one too) to a service.
    const passRole = actions.find((a) => !isFullWildcard(a.value) && actionMatches(a.value, 'iam:PassRole'));
    if (passRole) {
      issues.push({
        ruleId: IAM_RULE_IDS.passRoleWildcard,
        message: `"${passRole.value.trim()}" on Resource "*" lets this principal pass any role, an administrator's included, to a service; list the role ARNs.`,
        region: wildcardResource.region,
        subject: sub(stmt, 'Resource', 'iam:PassRole'),
      });
    }
    // A Condition (aws:ResourceTag, kms:ViaService, aws:SourceArn...) narrows what "*" reaches.
    if (!fullWildcard && !narrowsResources(stmt)) {
      const scopable = actions
        .map((a) => a.value.trim())
        .filter((a) => a !== '' && a !== passRole?.value.trim() && !requiresWildcardResource(a));
      if (scopable.length > 0) {
        const shown = scopable.slice(0, 3).join('", "') + (scopable.length > 3 ? `" and ${scopable.length - 3} more` : '"');
        issues.push({
          ruleId: IAM_RULE_IDS.wildcardResource,
          message: `Resource "*" for actions that can be scoped to resources ("${shown}); list the ARNs the code uses.`,
          region: wildcardResource.region,
          subject: sub(stmt, 'Resource', '*'),
        });
      }
    }
  }

  if (!restrictsCaller(stmt)) {
    const principal = (stmt.principals ?? []).find((p) => isWildcardPrincipal(p.value));
    if (principal) {
      issues.push({
        ruleId: IAM_RULE_IDS.wildcardPrincipal,
        message: 'Principal "*" without a Condition on the caller allows anyone, in any AWS account or anonymously; name the principals or add a Condition (aws:SourceArn, aws:PrincipalOrgID...).',
        region: principal.region,
        subject: sub(stmt, 'Principal', '*'),
      });
    }
  }
  return issues;
}

/** Services whose default resource policy grants `<service>:*` to the account (it delegates to IAM). */
const DEFAULT_POLICY_SERVICES = new Set(['kms', 'secretsmanager']);

/**
 * Condition keys that restrict who can call, so `Principal: "*"` with one of them is not "anyone".
 * Keys the caller supplies (`aws:Referer`, `aws:UserAgent`) or that say nothing about the caller
 * (`aws:SecureTransport`, `s3:x-amz-acl`) do not: AWS documents that aws:Referer must not be used
 * to control access.
 */
export const CALLER_RESTRICTING_CONDITION_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalServiceName',
    'aws:PrincipalServiceNamesList', 'aws:PrincipalIsAWSService', 'aws:PrincipalTag', 'aws:userid', 'aws:username',
    'aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOwner', 'aws:SourceOrgID', 'aws:SourceOrgPaths',
    'aws:SourceVpce', 'aws:SourceVpc', 'aws:VpceAccount', 'aws:VpceOrgID', 'aws:VpceOrgPaths', 'aws:SourceIp', 'aws:VpcSourceIp', 'aws:CalledVia', 'aws:CalledViaFirst', 'aws:CalledViaLast',
    'kms:CallerAccount', 'kms:ViaService', 's3:DataAccessPointAccount', 's3:DataAccessPointArn', 'lambda:FunctionArn',
    'elasticfilesystem:AccessPointArn',
  ].map((k) => k.toLowerCase()),
);

/** `*`, `arn:aws:iam::*`, `arn:aws:iam::*:*`: a value that matches every caller. */
function matchesEveryone(value: string): boolean {
  return /^(arn:[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:)?[*?:/]*$/i.test(value.trim()) && value.includes('*');
}

/**
 * Whether one test restricts who can call (`aws:PrincipalTag/team` counts as `aws:PrincipalTag`).
 * `ForAllValues:` is true when the key is absent (an anonymous caller has no `aws:username`), and
 * `...IfExists` likewise; a test whose values all match everyone restricts nothing.
 */
function testRestricts(t: ConditionTestFact): boolean {
  const op = t.operator.trim().toLowerCase();
  if (op.startsWith('forallvalues:') || op.endsWith('ifexists') || op === 'null') return false;
  if (!CALLER_RESTRICTING_CONDITION_KEYS.has(t.key.trim().toLowerCase().split('/')[0]!)) return false;
  return t.values === undefined || !t.values.every(matchesEveryone);
}

/** Keys that say how a request is made, not which resources it reaches. */
const NOT_NARROWING_KEYS = new Set(['aws:securetransport', 'aws:multifactorauthpresent', 'aws:multifactorauthage', 'aws:currenttime', 'aws:epochtime', 'aws:useragent', 'aws:referer', 'aws:tokenissuetime', 'aws:viaawsservice']);

/** Whether the statement's Condition narrows the resources `Resource: "*"` reaches. */
function narrowsResources(stmt: PolicyStatementFact): boolean {
  if (!stmt.hasCondition) return false;
  return stmt.conditions === undefined || stmt.conditions.some((t) => !NOT_NARROWING_KEYS.has(t.key.trim().toLowerCase()));
}

/** Whether the statement's Condition restricts who can call. */
function restrictsCaller(stmt: PolicyStatementFact): boolean {
  if (!stmt.hasCondition) return false;
  return stmt.conditions === undefined || stmt.conditions.some(testRestricts);
}

const ADMIN_POLICY = /^arn:aws(?:-[a-z]+)*:iam::aws:policy\/AdministratorAccess$/;

/** Judges a managed policy attachment: `AdministratorAccess` is always a finding. */
export function judgeManagedPolicyAttachment(fact: ManagedPolicyAttachmentFact): IamIssue[] {
  const arn = fact.policyArn.value.trim();
  if (!ADMIN_POLICY.test(arn)) return [];
  return [
    {
      ruleId: IAM_RULE_IDS.adminPolicyAttached,
      message: 'AdministratorAccess is attached: this principal can do anything in the account; attach a policy with the actions it needs.',
      region: fact.policyArn.region,
      subject: `${fact.source}/AdministratorAccess`,
    },
  ];
}
