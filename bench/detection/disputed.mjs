// Cases where the reference label itself is wrong, reviewed one by one: they are listed in the
// report and left out of the figures. `id` is the case id the bench prints (`--details`).
const AWS_DOC_KEYS = "the only credential is AWS's published documentation key pair (AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY), public and valid nowhere";
const UNSCOPABLE = 'ec2:Describe* has no resource types in the AWS Service Authorization Reference: Resource "*" is the only way to grant it';
const PARTIAL_PRINCIPAL_WILDCARD = 'a wildcard inside a principal ARN (arn:aws:iam::*:role/x) is rejected by AWS ("Invalid principal in policy"); it never grants anyone';
const FOR_ALL_VALUES = 'ForAllValues:StringEquals on the single-valued aws:PrincipalOrgID is true when the key is absent (a caller outside any organization), so Principal "*" stays open to anyone (AWS IAM docs warn against ForAllValues with single-valued keys)';
const LOW_ENTROPY_KEY = 'AKIA followed by sixteen "A"s is a made-up placeholder, not an access key';

const RFC7617 = "Aladdin / open sesame is the example user and password of HTTP Basic's RFC 7617 (section 2), published in the standard and valid nowhere";
const SPELLS_MY_PASSWORD = (value) => `the value ${value} spells "(this is) my password": a documentation dummy that says what belongs there, not a chosen password`;
const both = (ids, reason) => ids.flatMap((id) => [`np.${id}`, `kingfisher.${id}`]).map((id) => ({ id, reason }));

const OTHER_RULES_SECRET = (what) => `a negative example for this Nosey Parker rule only: the text holds ${what}, a real secret another rule is meant to find`;

// Connection strings, URLs and password assignments (issue 11, reviewed one by one).
const PLACEHOLDER_WORD = (word, rest) => `the password is the placeholder word "${word}"${rest ? ` (${rest})` : ''}: documentation writes it where a password goes; leakguard drops it on purpose (placeholders.ts)`;
const CONNECTIONSTRINGS_TEMPLATE = "connectionstrings.com's template (myServerName, myUsername, myDataBase, myPassword): every part names the setting it stands for";
const VAULT_LENGTH = (prefix) => `${prefix} and 26 characters: Vault's legacy tokens are ${prefix} and 24 base62 characters (TokenLength = 24 in vault/token_store.go; a namespace adds "." and up to 4), so this is not a token Vault could issue`;
export const DISPUTED_CONNECTIONS = [
  // Placeholder passwords in URLs: the word says what goes there.
  ...[0, 1, 2, 3, 4, 5, 7, 8].map((i) => ({ id: `np.postgres.1/ex-${i}`, reason: PLACEHOLDER_WORD('secret', 'user "user" at localhost') })),
  { id: 'kingfisher.uri.1/ex-0', reason: PLACEHOLDER_WORD('secret', 'user "username" at example.com, the documentation domain of RFC 2606') },
  { id: 'kingfisher.rabbitmq.1/ex-0', reason: PLACEHOLDER_WORD('password', 'user "user" at rabbitmq.example.com') },
  { id: 'basicauth/ng.basic-auth-ftp-url#0', reason: PLACEHOLDER_WORD('pass', 'user "user" at example.com') },
  { id: 'basicauth/ng.basic-auth-http-url#0', reason: PLACEHOLDER_WORD('pass', 'user "user" at example.com') },
  ...[0, 1, 2].map((i) => ({ id: `basicauth/ng.basic-auth-in-markdown#${i}`, reason: PLACEHOLDER_WORD('pass', 'user "user" at example.com') })),
  { id: 'database-connection-string/ng.postgresql#0', reason: 'secur3Pass spells "secure pass" (a leet e): a value naming itself, like securePassword123, which leakguard drops on purpose; the file\'s other URLs (myC0mpl3xPwd, m42ploz2wd) are reported' },
  { id: 'np.phpmailer.1/ex-0', reason: PLACEHOLDER_WORD('secret', "PHPMailer's README sample: user@example.com on smtp.example.com") },
  { id: 'np.generic.8/ex-0', reason: PLACEHOLDER_WORD('secret', 'DirectoryEntry(..., "domain\\user", "secret")') },
  { id: 'np.generic.13/ex-0', reason: "'admin' for user 'postgres' in a setup step: the stock default every tutorial writes (leakguard's dummy-password list), not a chosen password" },
  ...both(['odbc.1/ex-2', 'odbc.1/ex-3'], PLACEHOLDER_WORD('secret', 'Server=host, User Id=username, Database=databasename: every part is a placeholder')),
  ...both(['odbc.1/ex-4', 'odbc.1/ex-5', 'odbc.1/ex-6'], CONNECTIONSTRINGS_TEMPLATE),
  ...both(['odbc.1/ex-8'], "pwd=#{datastore['DBPASSWORD']}: Ruby interpolation of a module option, the password is not in the text"),
  ...both(['odbc.1/ex-1'], '$password = goodspec; without quotes is a PHP constant named goodspec (an error since PHP 8), not a string; the quoted line of ex-0 is reported'),
  ...both(['psexec.1/ex-1'], 'psexec -p mypass, with DOMAIN\\my-user and \\\\LocalComputerIPAddress: "my pass", a placeholder in a usage line'),
  ...both(['reactapp.2/ex-5'], 'REACT_APP_MAILER_PASSWORD=smtp_password # Enter your SMTP email password: the value names the setting, and the comment asks for the real one'),
  ...[1, 2, 3, 4].map((i) => ({ id: `kingfisher.weak_password.1/ex-${i}`, reason: 'a common password on a line of its own: nothing names it anyone\'s password (no name, no assignment), and lists of common passwords (zxcvbn, blocklists) hold exactly these words' })),
  // Formats the issuer cannot have produced.
  { id: 'np.hashicorp.1/ex-0', reason: VAULT_LENGTH('s.') },
  { id: 'np.hashicorp.2/ex-0', reason: `${VAULT_LENGTH('b.')}; legacy batch tokens are longer still (an encrypted blob, b.AAAAAQ…)` },
  { id: 'np.hashicorp.3/ex-0', reason: VAULT_LENGTH('r.') },
  { id: 'np.npm.1/ex-0', reason: 'fails the CRC32 checksum npm puts in the last 6 characters of every npm_ token: not a token npm issued' },
  { id: 'np.telegram.1/ex-0', reason: 'AA and 32 characters after the colon: a bot token carries 35 there (AA and 33, 26 bytes in base64url), one character is missing' },
  { id: 'np.azure.1/ex-1', reason: 'AccountKey of 75 characters with a keyboard run (sfsdfsdsgfsgfdgfdgfd): Azure storage account keys are 64 bytes, 88 base64 characters' },
  { id: 'np.azure.4/ex-1', reason: 'aQwErTy, then 0123456789 and AbCdEf written four times: typed, not a token Azure DevOps issued' },
  { id: 'slack/ng.IncomingWebhook#0', reason: 'https://hooks.slack.com/services/TXXXXX/BXXXXX/XXXXXXXXXX: the placeholder of the webhook documentation' },
  { id: 'slack/ng.IncomingWebhook#1', reason: 'T11111AA (seven characters after T; team ids have eight or more), BAAAA111A, and a 12-character unit written twice: typed, not a URL Slack issued' },
  { id: 'slack/ng.found-slack-token#1', reason: 'xoxb- and two numbers (ids of a workspace and a bot) without the random part Slack puts after them: nothing in it authenticates' },
  { id: 'slack/ng.found-slack-token#2', reason: 'xoxo- and two numbers without any random part: nothing in it authenticates' },
  { id: 'slack/ng.user-token#0', reason: 'the last part is 29 characters with an x in it; Slack user tokens end in 32 hexadecimal digits' },
  { id: 'slack/ng.xapp-token#0', reason: 'the last part is 62 hexadecimal digits opening and closing with 1234; Slack app-level tokens end in 64' },
  { id: 'github/ng.app_installation_token#0', reason: 'a ghs_<app id>_<JWT> installation token whose exp (1745568360) is 2025-04-25: expired an hour after issue, it grants nothing (leakguard reports this format before its exp)' },
  { id: 'gcp/ng.privatekey-json#0', reason: 'the private_key field holds an X.509 certificate (MIIDOjCCAiICCQ… decodes to a certificate\'s SEQUENCE with a serial number, public material) under an END line with four dashes: no private key is in the file' },
  { id: 'linear/ng.secret#0', reason: 'the key ends in EXAMPLE: a documentation placeholder' },
  { id: 'secp256k1-privatekey/ng.privkey#0', reason: 'a bare 0x-prefixed 64-hex value in a sentence: the shape of every transaction hash, block hash and storage slot; nothing names it a key' },
  { id: 'azure/ng.ad_tenant_id#0', reason: "an Azure AD tenant id is an identifier, public by design (it is in every sign-in URL), not a secret" },
  { id: 'azure/ng.azure_client_id#0', reason: "an application's client id is an identifier sent in every OAuth request, not a secret; its client secret is what leakguard reports" },
  ...both(['jenkins.1/ex-2'], 'a Jenkins-Crumb header: a CSRF nonce Jenkins issues per web session, which authenticates nothing on its own; the request\'s credentials are ${USERPASS}, a variable'),
];

export const DISPUTED = [
  // Nosey Parker's negative_examples are texts one rule's pattern must not match, not texts free of secrets.
  { id: 'np.auth0.1/neg-0', reason: OTHER_RULES_SECRET('an Auth0 client secret (AUTH0_CLIENT_SECRET)') },
  { id: 'np.aws.2/neg-0', reason: OTHER_RULES_SECRET('a random 42-character value assigned to AWS_SECRET_ACCESS_KEY') },
  { id: 'np.generic.1/neg-0', reason: OTHER_RULES_SECRET('an Azure AD client secret (the Q~ format)') },
  { id: 'np.generic.5/neg-2', reason: OTHER_RULES_SECRET("a password assignment (password = 'super$ecret'); the rule leaves out values with $ for its regex's sake") },
  { id: 'np.generic.9/neg-1', reason: OTHER_RULES_SECRET('a NuGet ClearTextPassword value') },
  { id: 'np.generic.9/neg-0', reason: OTHER_RULES_SECRET('a connection string with its password (Password=#gets0m3), which np.generic.10 lists as its positive') },
  { id: 'np.generic.10/neg-0', reason: OTHER_RULES_SECRET('an appSettings password (FromEmailPassword = Prestigitariu$), which np.generic.9 lists as its positive') },
  { id: 'np.jwt.1/neg-1', reason: OTHER_RULES_SECRET('a NuGet ClearTextPassword value') },
  { id: 'np.gitalk.1/neg-1', reason: OTHER_RULES_SECRET('a GitHub OAuth app client secret (40 hex) under clientSecret') },
  { id: 'np.hashicorp.1/neg-0', reason: OTHER_RULES_SECRET('a HashiCorp Vault service token (hvs.)') },
  { id: 'np.hashicorp.2/neg-0', reason: OTHER_RULES_SECRET('a HashiCorp Vault batch token (hvb.) under apikey') },
  { id: 'np.hashicorp.3/neg-0', reason: OTHER_RULES_SECRET('a HashiCorp Vault recovery token (hvr.)') },
  { id: 'np.mongodb.1/neg-0', reason: OTHER_RULES_SECRET('a MongoDB URL with a password (D1fficultP%40ssw0rd), over a socket path') },
  { id: 'np.npm.1/neg-0', reason: OTHER_RULES_SECRET('a legacy npm access token (a UUID) under NPM_TOKEN; Kingfisher lists the same line as a positive') },
  { id: 'np.twitch.1/neg-0', reason: OTHER_RULES_SECRET('a Twitch stream key (TWITCH_STREAM_KEY), which lets anyone broadcast as the channel') },
  { id: 'np.newrelic.2/neg-0', reason: OTHER_RULES_SECRET('a New Relic license key (40 characters ending in NRAL)') },
  ...['np.slack.2/neg-0', 'np.slack.2/neg-1', 'np.slack.2/neg-2', 'np.slack.4/neg-0', 'np.slack.4/neg-1', 'np.slack.4/neg-2', 'np.slack.6/neg-0', 'np.slack.6/neg-1', 'np.slack.6/neg-2', 'np.slack.6/neg-3'].map((id) => ({ id, reason: OTHER_RULES_SECRET('a Slack token of another kind (xoxb-/xoxp-)') })),
  // secretlint's own parser limits, not the absence of a key: both files are whole PKCS#12 stores holding a private key behind the published password notasecret.
  { id: 'gcp/ok.invalid-p12-huge-iter', reason: 'a complete PKCS#12 store (2,000,000 MAC iterations) with a private key behind notasecret: secretlint skips it to bound its own parser, the key is still committed' },
  { id: 'gcp/ok.invalid-p12-no-mac', reason: 'a complete PKCS#12 store without MacData (openssl -nomac) holding a private key: secretlint cannot verify the password, the key is still committed' },
  // Command lines whose password argument is a variable or the placeholder word: no password is in the text.
  ...['np', 'kingfisher'].flatMap((c) => [
    { id: `${c}.psexec.1/ex-2`, reason: 'psexec -p $Password: a PowerShell variable, the password is not in the text' },
    { id: `${c}.psexec.1/ex-3`, reason: 'psexec -p %nothing%: a batch variable, the password is not in the text' },
    { id: `${c}.psexec.1/ex-4`, reason: 'psexec -p PASSWORD: the placeholder word itself' },
  ]),
  { id: 'np.vmware.1/ex-1', reason: 'Connect-VIServer -Password "$password": a PowerShell variable, the password is not in the text' },
  { id: 'np.vmware.1/ex-2', reason: 'Connect-VIServer -password $ESXipass: a PowerShell variable, the password is not in the text' },
  // Positives that are not tokens their issuer could have made.
  ...['np.github.1/ex-0', 'kingfisher.github.1/ex-0', 'np.github.3/ex-1', 'kingfisher.github.3/ex-1'].map((id) => ({ id, reason: "fails the CRC32 checksum GitHub puts in the last 6 characters of every ghp_/ghs_ token: not a token GitHub issued" })),
  ...[0, 1, 2, 3].map((i) => ({ id: `shopify/ng.apikey#${i}`, reason: 'Shopify tokens are the prefix and 32 hexadecimal characters; these hold letters past f (made up)' })),
  // Generic assignments whose value is no secret (reviewed one by one).
  ...both(['generic.3/ex-4', 'generic.4/ex-0', 'generic.4/ex-1'], RFC7617),
  ...['np.generic.15/ex-0', 'np.generic.16/ex-0'].map((id) => ({ id, reason: `${RFC7617} (here "open-sesame")` })),
  ...both(['generic.4/ex-2'], 'password=###### is a masked value: the text holds no password'),
  ...both(['generic.5/ex-2'], '"application:" + appKey + ":" + appSecret joins variables: the text holds no literal secret'),
  ...both(['generic.5/ex-9'], 'YOURPASSWROD is "your password" misspelt: a placeholder'),
  ...both(['generic.4/ex-3', 'generic.5/ex-7', 'generic.5/ex-8'], SPELLS_MY_PASSWORD('thisismypassword')),
  { id: 'np.generic.6/ex-2', reason: SPELLS_MY_PASSWORD('thisismypassword') },
  ...both(['generic.4/ex-4'], SPELLS_MY_PASSWORD('mypassword')),
  ...both(['gradle.1/ex-0', 'gradle.1/ex-2', 'gradle.1/ex-3'], "password 'password': the value is the property's own name, a placeholder"),
  ...both(['gradle.1/ex-1'], 'password "SOME_PASSWORD" (under a "your password here" comment) is a placeholder'),
  { id: 'np.http.2/ex-0', reason: 'mF_9.B5f-4.1JqM is the example bearer token of RFC 6750 section 2.1' },
  { id: 'kingfisher.calendly.1/ex-0', reason: 'a JWT whose exp claim (1623460389) is 2021-06-12: expired, it grants nothing (leakguard reports a JWT only before its exp)' },
  { id: 'np.aws.2/ex-2', reason: 'both values announce themselves as fake (FakeValues99ESPW3ALMEZ6U / FakeValues99cl9bq...): not a key AWS issued' },
  // Kingfisher rules (providers a-k) whose examples are identifiers, host names or placeholders, or values the issuer could not have made.
  { id: 'kingfisher.adobe.2/ex-0', reason: 'an Adobe I/O product id (the rule is "Adobe IO Product ID"): it names a product and grants nothing' },
  { id: 'kingfisher.algolia.2/ex-0', reason: 'an Algolia application id: public by design, every browser sends it with the search-only key; the admin key is the secret' },
  ...[0, 1, 2].map((i) => ({ id: `kingfisher.artifactory.2/ex-${i}`, reason: 'a JFrog host name (<name>.jfrog.io): where a registry is, not a credential' })),
  { id: 'kingfisher.azure.devops.2/ex-0', reason: 'an Azure DevOps organization name in a URL: public, not a credential' },
  ...[0, 1].map((i) => ({ id: `kingfisher.azureopenai.host.1/ex-${i}`, reason: 'an Azure OpenAI endpoint host name: not a credential' })),
  { id: 'kingfisher.azuresearch.url.1/ex-0', reason: 'an Azure AI Search endpoint URL (service and index names): not a credential' },
  ...[0, 1].map((i) => ({ id: `kingfisher.azurestorage.name.1/ex-${i}`, reason: 'a storage account name, part of every public blob URL of the account: not a credential' })),
  ...[0, 1].map((i) => ({ id: `kingfisher.eagleeyenetworks.2/ex-${i}`, reason: 'an e-mail address (the rule is "Eagle Eye Networks Email"): a login name, not a credential' })),
  { id: 'kingfisher.gcp.1/ex-0', reason: 'a JSON object whose one member is auth_provider_x509_cert_url set to a run of hexadecimal: no private key, nothing that grants access' },
  { id: 'kingfisher.gcp.1/ex-1', reason: 'a service account JSON without its private_key (Google\'s auth and certificate URLs, client_email, client_id, database_url): identifiers only, nothing that grants access' },
  { id: 'kingfisher.auth0.2/ex-1', reason: 'YOUR_VERY_LONG_AND_SECURE_CLIENT_SECRET_GOES_HERE_1234... is a placeholder that says what belongs there' },
  { id: 'kingfisher.circleci.1/ex-0', reason: 'not a token CircleCI could issue: its documented format is CCIPAT_, a base58 UUID (22 characters, never 0 or l) and 40 hexadecimal characters; this has 24 characters holding 0 and l, and a tail with letters past f' },
  { id: 'kingfisher.azure.1/ex-1', reason: 'an AccountKey of 75 characters with a keyboard run (sfsdfsdsgfsgfdgfdgfd) in it: a storage account key is 64 bytes, 88 characters of base64; not a key Azure issued' },
  { id: 'kingfisher.generic.8/ex-4', reason: RFC7617 },
  // secretlint ok.* snapshots that hold a secret by leakguard's definition.
  { id: 'aws/ok.AWS Secret Access Key', reason: 'a random 56-character value assigned to AWS_SECRET_ACCESS_KEY: not the 40-character AWS format secretlint tests, but a secret-named assignment of a random value' },
  { id: 'gcp/ok.secure-privatekey-p12', reason: 'the folder also holds prvkey.pem, a committed (encrypted) RSA private key whose passphrase the README states; committed private keys are reported, encrypted or not' },
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
  ...DISPUTED_CONNECTIONS,
  // Kingfisher positives, providers l-z, reviewed one by one.
  { id: 'kingfisher.salesforce.2/ex-0', reason: 'https://example123.my.salesforce.com is an instance URL (a host name): it grants nothing' },
  { id: 'kingfisher.sonarqube.2/ex-0', reason: 'sonar.host=https://sonar.internal.company.com:9000 is a server address (the rule is "SonarQube Host"): it grants nothing' },
  ...['kingfisher.squareup.1/ex-0', 'kingfisher.squareup.1/ex-1'].map((id) => ({ id, reason: 'sq0idp- is a Square application ID, which the Web Payments SDK puts in every checkout page: public by design, not a secret' })),
  { id: 'kingfisher.square.1/ex-0', reason: 'EAAA and 61 characters: Square access tokens are 64 characters in all (Square developer forum: "OAuth access tokens are 64 bytes long"); the reference regex reads the first 64 of a longer string' },
  { id: 'kingfisher.stripe.1/ex-0', reason: "sk_live_ and 15 characters: shorter than any key Stripe issues (24 after the prefix, as in Stripe's published sample key, or longer)" },
  { id: 'kingfisher.slack.2/ex-0', reason: 'xoxb-853BAAEE-1B2eDb6A4c75-...: Slack bot tokens are xoxb-, two numeric ids and 24 letters and digits; letters in the ids and a 32-character last part are the reference regex filled at random, not a token Slack issued' },
  { id: 'kingfisher.openai.1/ex-1', reason: 'T4BlbkFJ where every legacy OpenAI key carries T3BlbkFJ (base64 of "OpenAI") at that place: an altered key, not one OpenAI issued' },
  { id: 'kingfisher.npm.1/ex-0', reason: 'fails the CRC32 checksum npm puts in the last 6 characters of every npm_ token: not a token npm issued' },
  ...['kingfisher.openweather.1/ex-0', 'kingfisher.openweather.1/ex-1'].map((id) => ({ id, reason: 'OpenWeather API keys are 32 hexadecimal characters; 3k144a5af729351d0fc58bdrj9a21mkr holds k, r, j and m (made up)' })),
  { id: 'kingfisher.rentman.1/ex-0', reason: 'a JWT with no signature part whose exp claim (1516239022) is 2018-01-18 and whose subject is the jwt.io sample (John Doe): expired and unsigned, it grants nothing' },
  { id: 'kingfisher.reallysimplesystems.1/ex-0', reason: 'random characters shaped to the reference regex: the parts start with eyH8 and eyKK, which decode to no JSON, so this is no JWT (the format Really Simple Systems keys have)' },
  { id: 'kingfisher.stripo.1/ex-0', reason: 'a JWT header followed by random characters: the payload (AO9g...) decodes to binary, not JSON, so this is no token Stripo could have issued' },
  ...['kingfisher.privkey.2/ex-2', 'kingfisher.privkey.2/ex-4'].map((id) => ({ id, reason: 'a body of 30 or 48 bytes under ENCRYPTED PRIVATE KEY (the second under a label no tool writes, ...KEY BLOCK): an encrypted PKCS#8 structure needs more than that for its algorithm parameters alone, so no key is in it' })),
];
