/** Rule metadata of the `iam/*` family (judged by `judge.ts`). */
import { DOCS_BASE } from '../docs.js';
import type { RuleMeta } from '../rule-meta.js';

export const IAM_RULE_IDS = {
  wildcardAction: 'iam/wildcard-action',
  serviceWildcardAction: 'iam/service-wildcard-action',
  wildcardActionPrefix: 'iam/wildcard-action-prefix',
  wildcardResource: 'iam/wildcard-resource',
  notActionAllow: 'iam/not-action-allow',
  notResourceAllow: 'iam/not-resource-allow',
  wildcardPrincipal: 'iam/wildcard-principal',
  adminPolicyAttached: 'iam/admin-policy-attached',
  passRoleWildcard: 'iam/passrole-wildcard',
} as const;

const docs = (id: string): string => `${DOCS_BASE}/docs/rules/${id.replace('/', '-')}.md`;

const LEAST_PRIVILEGE_OTHER_CLOUDS = `- **Azure**: assign a built-in or custom role with only the needed \`actions\` (not \`*\`, not Owner/Contributor) at the narrowest scope (the resource, not the subscription); prefer managed identities.
- **Google Cloud**: grant a predefined or custom role with the needed permissions (not \`roles/owner\` / \`roles/editor\`) on the resource, not the project.`;

const WHY = 'A leaked credential, a compromised dependency or an injection in the function acts with every permission its role holds: least privilege bounds the damage.';

function meta(m: Omit<RuleMeta, 'helpUri' | 'tags'> & { tags?: string[] }): RuleMeta {
  return { ...m, tags: ['security', 'iam', 'external/cwe/cwe-732', ...(m.tags ?? [])], helpUri: docs(m.id) };
}

export const IAM_RULES: RuleMeta[] = [
  meta({
    id: IAM_RULE_IDS.wildcardAction,
    title: 'IAM statement allows every action',
    shortDescription: 'An Allow statement grants `Action: "*"`.',
    fullDescription: 'An IAM policy statement with Effect Allow and Action "*" (or "*:*") grants every action of every AWS service; with Resource "*" it is full administrator access.',
    helpMarkdown: `${WHY}

**Fix**
- **AWS**: list the actions the code calls, on the resources it uses:
\`\`\`json
{ "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders" }
\`\`\`
  IAM Access Analyzer can generate a policy from CloudTrail activity.
${LEAST_PRIVILEGE_OTHER_CLOUDS}`,
    severity: 'critical',
    precision: 'very-high',
  }),
  meta({
    id: IAM_RULE_IDS.serviceWildcardAction,
    title: 'IAM statement allows every action of a service',
    shortDescription: 'An Allow statement grants `service:*` (for example `s3:*`).',
    fullDescription: 'An Allow statement with an action such as "s3:*" or "dynamodb:*" grants every action of the service, including deletes, policy changes and actions AWS adds later.',
    helpMarkdown: `${WHY}

**Fix**
- **AWS**: replace \`service:*\` with the actions the code calls (\`s3:GetObject\`, \`s3:PutObject\`), scoped to the resources it uses.
${LEAST_PRIVILEGE_OTHER_CLOUDS}`,
    severity: 'high',
    precision: 'very-high',
  }),
  meta({
    id: IAM_RULE_IDS.wildcardActionPrefix,
    title: 'IAM action uses a wildcard pattern',
    shortDescription: 'An Allow statement grants an action pattern such as `s3:Put*` or `iam:*Policy`.',
    fullDescription: 'Action patterns grant every matching action, today and in the future (s3:Put* includes PutBucketPolicy). Read-only Describe*/List* families and patterns on the wildcard-resource list are not reported.',
    helpMarkdown: `${WHY}

**Fix**
- **AWS**: list the actions explicitly (\`s3:PutObject\` instead of \`s3:Put*\`).
${LEAST_PRIVILEGE_OTHER_CLOUDS}`,
    severity: 'medium',
    precision: 'high',
  }),
  meta({
    id: IAM_RULE_IDS.wildcardResource,
    title: 'IAM statement applies scopable actions to every resource',
    shortDescription: 'An Allow statement has `Resource: "*"` for actions that can be scoped to resources.',
    fullDescription: 'Resource "*" applies the statement to every resource of the account. Actions that only work with "*" (sts:GetCallerIdentity, ec2:Describe*, xray:PutTraceSegments, the Lambda logging trio...) are on an allow-list and do not trigger this rule.',
    helpMarkdown: `${WHY}

**Fix**
- **AWS**: list the ARNs the code uses, with variables where useful:
\`\`\`yaml
Resource: !Sub arn:aws:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:orders/db-*
\`\`\`
  Put actions that require \`*\` (\`sts:GetCallerIdentity\`, \`xray:PutTraceSegments\`) in a statement of their own.
${LEAST_PRIVILEGE_OTHER_CLOUDS}`,
    severity: 'medium',
    precision: 'high',
  }),
  meta({
    id: IAM_RULE_IDS.notActionAllow,
    title: 'IAM Allow statement uses NotAction',
    shortDescription: 'An Allow statement with `NotAction` grants every action except the listed ones.',
    fullDescription: 'Allow with NotAction grants every action of every service except those listed, including actions AWS adds later. It is almost always broader than intended.',
    helpMarkdown: `${WHY}

**Fix**
- **AWS**: use \`Action\` with the actions needed. Keep \`NotAction\` for Deny statements (for example "deny everything except iam:ChangePassword without MFA").
${LEAST_PRIVILEGE_OTHER_CLOUDS}`,
    severity: 'high',
    precision: 'very-high',
  }),
  meta({
    id: IAM_RULE_IDS.notResourceAllow,
    title: 'IAM Allow statement uses NotResource',
    shortDescription: 'An Allow statement with `NotResource` applies to every resource except the listed ones.',
    fullDescription: 'Allow with NotResource grants the actions on every resource of the account except those listed, including resources created later.',
    helpMarkdown: `${WHY}

**Fix**
- **AWS**: use \`Resource\` with the ARNs needed; keep \`NotResource\` for Deny statements.
${LEAST_PRIVILEGE_OTHER_CLOUDS}`,
    severity: 'high',
    precision: 'very-high',
  }),
  meta({
    id: IAM_RULE_IDS.wildcardPrincipal,
    title: 'Policy allows any principal without a condition',
    shortDescription: 'An Allow statement has `Principal: "*"` and no `Condition`.',
    fullDescription: 'A resource or trust policy that allows Principal "*" without a Condition lets anyone, in any AWS account or anonymously, perform the actions (read the bucket, assume the role, invoke the function, decrypt with the key).',
    helpMarkdown: `Public access to a secret store, a key, a queue or a role is how secrets leak without any credential being stolen.

**Fix**
- **AWS**: name the principals (\`arn:aws:iam::123456789012:role/app\`, \`lambda.amazonaws.com\`) or add a Condition such as \`aws:SourceArn\`, \`aws:SourceAccount\` or \`aws:PrincipalOrgID\`.
- **Azure**: do not grant roles to \`allUsers\`-style principals; use private endpoints and RBAC to named identities.
- **Google Cloud**: remove \`allUsers\` / \`allAuthenticatedUsers\` bindings; bind named service accounts.`,
    severity: 'critical',
    precision: 'high',
  }),
  meta({
    id: IAM_RULE_IDS.adminPolicyAttached,
    title: 'AdministratorAccess attached',
    shortDescription: 'The AWS managed policy `AdministratorAccess` is attached to a role, user or group.',
    fullDescription: 'AdministratorAccess allows every action on every resource. Attached to a function role, a CI user or a group, it turns any leak of that identity into full account compromise.',
    helpMarkdown: `${WHY}

**Fix**
- **AWS**: attach a policy with the actions the principal needs; for a Lambda function, start from \`AWSLambdaBasicExecutionRole\` and add scoped statements.
${LEAST_PRIVILEGE_OTHER_CLOUDS}`,
    severity: 'critical',
    precision: 'very-high',
  }),
  meta({
    id: IAM_RULE_IDS.passRoleWildcard,
    title: 'iam:PassRole on every role',
    shortDescription: 'An Allow statement grants `iam:PassRole` with `Resource: "*"`.',
    fullDescription: 'iam:PassRole on "*" lets the principal give any role of the account, an administrator role included, to a service it controls (a Lambda function, an EC2 instance): a privilege escalation path.',
    helpMarkdown: `${WHY}

**Fix**
- **AWS**: list the role ARNs that may be passed and add \`iam:PassedToService\`:
\`\`\`json
{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/orders-fn",
  "Condition": { "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" } } }
\`\`\`
- **Azure**: the equivalent is \`Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action\`: scope it to the identities needed.
- **Google Cloud**: grant \`roles/iam.serviceAccountUser\` on the one service account, not on the project.`,
    severity: 'high',
    precision: 'very-high',
  }),
];
