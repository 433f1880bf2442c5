// Cases where the reference label itself is wrong, reviewed one by one: they are listed in the
// report and left out of the figures. `id` is the case id the bench prints (`--details`).
const AWS_DOC_KEYS = "the only credential is AWS's published documentation key pair (AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY), public and valid nowhere";
const UNSCOPABLE = 'ec2:Describe* has no resource types in the AWS Service Authorization Reference: Resource "*" is the only way to grant it';
const PARTIAL_PRINCIPAL_WILDCARD = 'a wildcard inside a principal ARN (arn:aws:iam::*:role/x) is rejected by AWS ("Invalid principal in policy"); it never grants anyone';
const FOR_ALL_VALUES = 'ForAllValues:StringEquals on the single-valued aws:PrincipalOrgID is true when the key is absent (a caller outside any organization), so Principal "*" stays open to anyone (AWS IAM docs warn against ForAllValues with single-valued keys)';
const LOW_ENTROPY_KEY = 'AKIA followed by sixteen "A"s is a made-up placeholder, not an access key';

export const DISPUTED = [
  ...['aws_instance.fail', 'aws_launch_template.fail', 'aws_launch_configuration.fail'].map((r) => ({ id: `terraform/EC2Credentials:${r}`, reason: AWS_DOC_KEYS })),
  ...['EC2Credentials-FAILED.yaml', 'EC2Credentials-FAILED_B64encoded.yaml'].map((f) => ({ id: `cloudformation/EC2Credentials:file:${f}`, reason: AWS_DOC_KEYS })),
  { id: 'terraform/LambdaEnvironmentCredentials:aws_lambda_function.fail', reason: AWS_DOC_KEYS },
  ...['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_ssoadmin_permission_set_inline_policy'].map((r) => ({ id: `terraform/IAMStarResourcePolicyDocument:${r}.fail`, reason: UNSCOPABLE })),
  { id: 'terraform/GlacierVaultAnyPrincipal:aws_glacier_vault.my_archive3', reason: PARTIAL_PRINCIPAL_WILDCARD },
  { id: 'terraform/SNSTopicPolicyAnyPrincipal:aws_sns_topic_policy.sns_tp3', reason: PARTIAL_PRINCIPAL_WILDCARD },
  { id: 'terraform/SQSQueuePolicyAnyPrincipal:aws_sqs_queue_policy.q3', reason: PARTIAL_PRINCIPAL_WILDCARD },
  { id: 'terraform/SQSQueuePolicyAnyPrincipal:aws_sqs_queue.aq3', reason: PARTIAL_PRINCIPAL_WILDCARD },
  { id: 'terraform/ECRPolicy:aws_ecr_repository_policy.pass_conditional', reason: FOR_ALL_VALUES },
  { id: 'cloudformation/ECRPolicy:AWS::ECR::Repository.CondAllPass', reason: FOR_ALL_VALUES },
  { id: 'cloudformation/LambdaEnvironmentCredentials:AWS::Serverless::Function.Secret', reason: LOW_ENTROPY_KEY },
  { id: 'cloudformation/LambdaEnvironmentCredentials:AWS::Lambda::Function.Secret', reason: LOW_ENTROPY_KEY },
  { id: 'cloudformation/ParameterStoreCredentials:AWS::SSM::Parameter.PassTestName', reason: 'the same keyboard-mash value under a secret-like name (MYSECRET_TEST) that the reference fails elsewhere in the file; a _TEST suffix on the name does not make a literal secret safe' },
  { id: 'terraform/LambdaFunctionIsNotPublic:aws_lambda_permission.fail', reason: 'source_arn (aws:SourceArn) restricts the caller to one EventBridge rule: Principal "*" with it is not public' },
];
