# The right pattern: secrets live in Secrets Manager with rotation and a customer-managed key;
# the function's environment holds only the secret's ARN.
resource "aws_kms_key" "secrets" {
  description         = "orders secrets"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "db" {
  name       = "orders/db"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-db"
  rotation_rules {
    automatically_after_days = 30
  }
}

variable "api_token" {
  type      = string
  sensitive = true
}

resource "aws_lambda_function" "reports" {
  function_name = "reports"
  role          = "arn:aws:iam::123456789012:role/reports"
  handler       = "reports.handler"
  runtime       = "nodejs20.x"
  filename      = "reports.zip"
  kms_key_arn   = aws_kms_key.secrets.arn

  environment {
    variables = {
      DB_SECRET_ARN = aws_secretsmanager_secret.db.arn
    }
  }
}

data "aws_iam_policy_document" "reports" {
  statement {
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.db.arn]
  }
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogGroup", "xray:PutTraceSegments"]
    resources = ["*"]
  }
}
