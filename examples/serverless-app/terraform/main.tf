# MISTAKE(secret): provider credentials written into the configuration.
provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAHUGO274PAFHSG4A7"
  secret_key = "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"
}

# MISTAKE(secret): a secret-named variable with a literal default, not marked sensitive.
variable "db_password" {
  type    = string
  default = "Tf-Db-Passw0rd-2024!"
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.orders.arn
  handler       = "orders.handler"
  runtime       = "nodejs20.x"
  filename      = "orders.zip"
  # MISTAKE(kms): no kms_key_arn although the environment holds a secret.

  environment {
    variables = {
      TABLE_NAME = "orders"
      # MISTAKE(env): the password from the variable lands in plaintext configuration.
      DB_PASSWORD = var.db_password
      # MISTAKE(secret, env): an npm token in clear.
      NPM_TOKEN = "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"
    }
  }
}

resource "aws_iam_role" "orders" {
  name = "orders"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

# MISTAKE(iam): Action "*" on Resource "*".
resource "aws_iam_role_policy" "orders" {
  name = "orders"
  role = aws_iam_role.orders.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

# MISTAKE(iam): iam:PassRole on any role.
data "aws_iam_policy_document" "deployer" {
  statement {
    effect    = "Allow"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

# MISTAKE(rotation, kms): no rotation, no customer-managed key.
resource "aws_secretsmanager_secret" "api" {
  name = "orders/api-key"
}

# MISTAKE(rotation): KMS key without rotation.
resource "aws_kms_key" "orders" {
  description = "orders data"
}

# MISTAKE(kms): an SSM parameter that holds a secret as String.
resource "aws_ssm_parameter" "webhook_secret" {
  name  = "/orders/webhook-secret"
  type  = "String"
  value = "whsec-2f9c81d0a7b34e55b1c6"
}
