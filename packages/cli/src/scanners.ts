/**
 * The file scanners the CLI runs, in order. A file goes to every scanner that accepts it; files no
 * scanner covers for secrets get the plain secret pass. New input kinds register here.
 */
import type { FileScanner } from '@leakguard/core';
import { AzureScanner } from '@leakguard/scanner-azure';
import { CloudFormationScanner } from '@leakguard/scanner-cloudformation';
import { ComposeScanner, DockerfileScanner, KubernetesScanner } from '@leakguard/scanner-docker';
import { GitHubActionsScanner } from '@leakguard/scanner-github-actions';
import { ServerlessScanner } from '@leakguard/scanner-serverless';
import { TerraformScanner } from '@leakguard/scanner-terraform';

export function builtinScanners(): FileScanner[] {
  return [new TerraformScanner(), new ServerlessScanner(), new CloudFormationScanner(), new AzureScanner(), new DockerfileScanner(), new ComposeScanner(), new KubernetesScanner(), new GitHubActionsScanner()];
}
