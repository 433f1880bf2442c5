/**
 * Every CloudFormation resource type whose properties hold an IAM policy document, the path to it,
 * and for resource policies the service of the resource they are attached to (their
 * `Resource: "*"` is that resource itself). `AWS::IAM::Role`/`User`/`Group` inline `Policies`,
 * SAM functions' `Policies`, `AWS::Lambda::Permission` and key policies are read by the template
 * walk itself; VPC endpoint policies are left out (`Principal: "*"` is their norm).
 */
import { parseTree, type PNode, type Span } from './tree.js';

export const POLICY_PROPERTIES: Record<string, { path: string[]; resourcePolicyOf?: string }[]> = {
  'AWS::IAM::Policy': [{ path: ['PolicyDocument'] }],
  'AWS::IAM::ManagedPolicy': [{ path: ['PolicyDocument'] }],
  'AWS::IAM::RolePolicy': [{ path: ['PolicyDocument'] }],
  'AWS::IAM::UserPolicy': [{ path: ['PolicyDocument'] }],
  'AWS::IAM::GroupPolicy': [{ path: ['PolicyDocument'] }],
  'AWS::SSO::PermissionSet': [{ path: ['InlinePolicy'] }],
  'AWS::IoT::Policy': [{ path: ['PolicyDocument'] }],
  'AWS::S3::BucketPolicy': [{ path: ['PolicyDocument'], resourcePolicyOf: 's3' }],
  'AWS::S3::AccessPoint': [{ path: ['Policy'], resourcePolicyOf: 's3' }],
  'AWS::S3::MultiRegionAccessPointPolicy': [{ path: ['Policy'], resourcePolicyOf: 's3' }],
  'AWS::S3ObjectLambda::AccessPointPolicy': [{ path: ['PolicyDocument'], resourcePolicyOf: 's3-object-lambda' }],
  'AWS::SQS::QueuePolicy': [{ path: ['PolicyDocument'], resourcePolicyOf: 'sqs' }],
  'AWS::SQS::QueueInlinePolicy': [{ path: ['PolicyDocument'], resourcePolicyOf: 'sqs' }],
  'AWS::SNS::TopicPolicy': [{ path: ['PolicyDocument'], resourcePolicyOf: 'sns' }],
  'AWS::SNS::TopicInlinePolicy': [{ path: ['PolicyDocument'], resourcePolicyOf: 'sns' }],
  'AWS::ECR::Repository': [{ path: ['RepositoryPolicyText'], resourcePolicyOf: 'ecr' }],
  'AWS::ECR::RegistryPolicy': [{ path: ['PolicyText'], resourcePolicyOf: 'ecr' }],
  'AWS::ECR::PublicRepository': [{ path: ['RepositoryPolicyText'], resourcePolicyOf: 'ecr-public' }],
  'AWS::Elasticsearch::Domain': [{ path: ['AccessPolicies'], resourcePolicyOf: 'es' }],
  'AWS::OpenSearchService::Domain': [{ path: ['AccessPolicies'], resourcePolicyOf: 'es' }],
  'AWS::EFS::FileSystem': [{ path: ['FileSystemPolicy'], resourcePolicyOf: 'elasticfilesystem' }],
  'AWS::ApiGateway::RestApi': [{ path: ['Policy'], resourcePolicyOf: 'execute-api' }],
  'AWS::SecretsManager::ResourcePolicy': [{ path: ['ResourcePolicy'], resourcePolicyOf: 'secretsmanager' }],
  'AWS::Logs::ResourcePolicy': [{ path: ['PolicyDocument'], resourcePolicyOf: 'logs' }],
  'AWS::Logs::Destination': [{ path: ['DestinationPolicy'], resourcePolicyOf: 'logs' }],
  'AWS::Events::EventBus': [{ path: ['Policy'], resourcePolicyOf: 'events' }],
  'AWS::Backup::BackupVault': [{ path: ['AccessPolicy'], resourcePolicyOf: 'backup' }],
  'AWS::CodeArtifact::Domain': [{ path: ['PermissionsPolicyDocument'], resourcePolicyOf: 'codeartifact' }],
  'AWS::CodeArtifact::Repository': [{ path: ['PermissionsPolicyDocument'], resourcePolicyOf: 'codeartifact' }],
  'AWS::DynamoDB::Table': [{ path: ['ResourcePolicy', 'PolicyDocument'], resourcePolicyOf: 'dynamodb' }],
  'AWS::Kinesis::ResourcePolicy': [{ path: ['ResourcePolicy'], resourcePolicyOf: 'kinesis' }],
  'AWS::CloudTrail::ResourcePolicy': [{ path: ['ResourcePolicy'], resourcePolicyOf: 'cloudtrail' }],
  'AWS::MediaStore::Container': [{ path: ['Policy'], resourcePolicyOf: 'mediastore' }],
  'AWS::Glue::ResourcePolicy': [{ path: ['PolicyInJson'], resourcePolicyOf: 'glue' }],
  'AWS::OpenSearchServerless::AccessPolicy': [],
};

/**
 * A policy written as JSON text (`AccessPolicies: '{"Statement": ...}'`) -> its tree, every node
 * placed at the string itself (the text inside a quoted scalar does not map 1:1 to the file).
 */
export function policyFromText(node: PNode | undefined): PNode | undefined {
  if (node?.kind !== 'scalar' || typeof node.value !== 'string' || !node.value.trimStart().startsWith('{')) return node;
  if (node.value.length > 1_000_000) return undefined;
  const parsed = parseTree(node.value).root;
  if (!parsed) return undefined;
  const place = (n: PNode): PNode => {
    const at: Span = { start: node.start, end: node.end };
    switch (n.kind) {
      case 'map':
        return { ...n, ...at, entries: n.entries.map((e) => ({ ...e, keySpan: at, value: place(e.value) })) };
      case 'seq':
        return { ...n, ...at, items: n.items.map(place) };
      case 'fn':
        return { ...n, ...at, arg: place(n.arg) };
      default:
        return { ...n, ...at };
    }
  };
  return place(parsed);
}
