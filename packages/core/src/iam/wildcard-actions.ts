/**
 * Actions that only work with `Resource: "*"`: the AWS Service Authorization Reference lists no
 * resource type for them (account-level reads, list/describe calls, telemetry puts), so a policy
 * cannot scope them and `iam/wildcard-resource` must not cry wolf. Entries may end in `*` (a
 * family of such actions, `ec2:Describe*`). Matching is case-insensitive, as IAM's is.
 *
 * A few entries can be scoped in theory but are granted on `*` by AWS's own managed execution
 * roles and carry little risk (the Lambda logging trio, the Lambda VPC ENI actions); they are
 * marked "conventional" below so the list stays honest about why each action is here.
 */
export const ACTIONS_REQUIRING_WILDCARD_RESOURCE: readonly string[] = [
  // Services without any resource type: Systems Manager's agent channels, the Price List API, Support.
  'ec2messages:*',
  'ssmmessages:*',
  'pricing:*',
  'support:*',
  // STS: no resource types.
  'sts:GetCallerIdentity',
  'sts:GetSessionToken',
  'sts:GetAccessKeyInfo',
  'sts:DecodeAuthorizationMessage',
  'sts:GetServiceBearerToken',
  // CloudWatch Logs: account-level operations.
  'logs:DescribeLogGroups',
  'logs:DescribeDestinations',
  'logs:DescribeExportTasks',
  'logs:DescribeQueries',
  'logs:DescribeQueryDefinitions',
  'logs:DescribeResourcePolicies',
  'logs:PutResourcePolicy',
  'logs:DeleteResourcePolicy',
  'logs:PutQueryDefinition',
  'logs:GetQueryResults',
  'logs:StopQuery',
  'logs:TestMetricFilter',
  'logs:GetLogRecord',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  // Conventional: AWSLambdaBasicExecutionRole grants these on "*"; scoping them is good practice but low value.
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  // X-Ray telemetry (AWSXRayDaemonWriteAccess).
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  // CloudWatch metrics.
  'cloudwatch:PutMetricData',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricStatistics',
  'cloudwatch:ListMetrics',
  'cloudwatch:GetMetricWidgetImage',
  // EC2 describe calls; conventional: the Lambda VPC ENI actions of AWSLambdaVPCAccessExecutionRole.
  'ec2:Describe*',
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'autoscaling:Describe*',
  'elasticloadbalancing:Describe*',
  // Listing and account-level reads.
  's3:ListAllMyBuckets',
  's3:GetAccountPublicAccessBlock',
  's3:ListAccessPoints',
  'kms:CreateKey',
  'kms:ListKeys',
  'kms:ListAliases',
  'kms:GenerateRandom',
  'kms:DescribeCustomKeyStores',
  'secretsmanager:ListSecrets',
  'secretsmanager:GetRandomPassword',
  'secretsmanager:BatchGetSecretValue',
  'ssm:DescribeParameters',
  'iam:ListRoles',
  'iam:ListPolicies',
  'iam:ListUsers',
  'iam:ListGroups',
  'iam:ListAccountAliases',
  'iam:GetAccountSummary',
  'iam:GetAccountPasswordPolicy',
  'iam:GenerateCredentialReport',
  'iam:GetCredentialReport',
  'lambda:ListFunctions',
  'lambda:ListLayers',
  'lambda:ListEventSourceMappings',
  'lambda:GetAccountSettings',
  'lambda:CreateEventSourceMapping',
  'dynamodb:ListTables',
  'dynamodb:DescribeLimits',
  'dynamodb:DescribeEndpoints',
  'dynamodb:ListBackups',
  'dynamodb:ListGlobalTables',
  'sqs:ListQueues',
  'sns:ListTopics',
  'sns:ListSubscriptions',
  'sns:GetSMSAttributes',
  'sns:SetSMSAttributes',
  'sns:CheckIfPhoneNumberIsOptedOut',
  'cloudformation:ListStacks',
  'cloudformation:ValidateTemplate',
  'cloudformation:ListExports',
  'cloudformation:ListImports',
  'cloudformation:EstimateTemplateCost',
  'cloudformation:CreateUploadBucket',
  'ecr:GetAuthorizationToken',
  'tag:GetResources',
  'tag:GetTagKeys',
  'tag:GetTagValues',
  'route53:ListHostedZones',
  'acm:ListCertificates',
  'acm:RequestCertificate',
  'kinesis:ListStreams',
  'firehose:ListDeliveryStreams',
  'es:ListDomainNames',
  'states:ListStateMachines',
  'states:ListActivities',
  'organizations:DescribeOrganization',
  'ce:Get*',
  'dynamodb:ListStreams',
  'ecs:ListClusters',
  'ecs:ListTaskDefinitions',
  'ecs:DescribeTaskDefinition',
  'ecs:RegisterTaskDefinition',
  'ecs:DeregisterTaskDefinition',
  'cloudfront:ListDistributions',
  'mq:ListBrokers',
  'kafka:ListClusters',
  'kafka:ListClustersV2',
  'rbin:ListRules',
  'servicediscovery:DiscoverInstances',
  'iam:GetAccountAuthorizationDetails',
  'bedrock:ListFoundationModels',
  'bedrock:ListInferenceProfiles',
  // AI services whose synchronous APIs take no resource (per the Service Authorization Reference).
  'translate:TranslateText',
  'translate:TranslateDocument',
  'translate:ListLanguages',
  'transcribe:StartTranscriptionJob',
  'transcribe:GetTranscriptionJob',
  'transcribe:ListTranscriptionJobs',
  'transcribe:StartStreamTranscription',
  'transcribe:StartStreamTranscriptionWebSocket',
  'comprehend:Detect*',
  'comprehend:BatchDetect*',
  'rekognition:DetectLabels',
  'rekognition:DetectModerationLabels',
  'rekognition:DetectText',
  'rekognition:DetectFaces',
  'rekognition:DetectProtectiveEquipment',
  'rekognition:CompareFaces',
  'rekognition:RecognizeCelebrities',
  'textract:AnalyzeDocument',
  'textract:AnalyzeExpense',
  'textract:AnalyzeID',
  'textract:DetectDocumentText',
  'textract:StartDocumentAnalysis',
  'textract:GetDocumentAnalysis',
  'textract:StartDocumentTextDetection',
  'textract:GetDocumentTextDetection',
  'polly:SynthesizeSpeech',
  'polly:DescribeVoices',
  'timestream:DescribeEndpoints',
  'iot:DescribeEndpoint',
  'scheduler:ListSchedules',
  'bedrock:PutUseCaseForModelAccess',
  'aoss:CreateSecurityPolicy',
  'aoss:ListCollections',
];

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

const EXACT = new Set(ACTIONS_REQUIRING_WILDCARD_RESOURCE.map((a) => a.toLowerCase()));
const FAMILIES = ACTIONS_REQUIRING_WILDCARD_RESOURCE.filter((a) => a.includes('*')).map(globToRegExp);

/**
 * True when `action` (possibly itself a pattern such as `ec2:Describe*`) only grants actions that
 * need `Resource: "*"`. A pattern counts only when it is itself on the list or inside a listed family.
 */
export function requiresWildcardResource(action: string): boolean {
  const a = action.trim().toLowerCase();
  if (EXACT.has(a)) return true;
  return FAMILIES.some((re) => re.test(a));
}

/** True when the IAM action pattern `pattern` (with `*` / `?`) grants `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  return globToRegExp(pattern.trim()).test(action);
}
