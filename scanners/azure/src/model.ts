/**
 * What Bicep and ARM templates have in common, as the Azure facts need it: parameters (secure or
 * not, with a default), resources (a type and a body, as the positioned tree the CloudFormation
 * reader uses), and a way to read a value. Each format fills it in its own terms.
 */
import type { EnvValue } from '@leakguard/core';
import type { PNode, Span } from '@leakguard/scanner-cloudformation';

export interface AzureParam {
  name: string;
  nameSpan: Span;
  /** `@secure()` in Bicep, `securestring` / `secureObject` in ARM. */
  secure: boolean;
  /** The default value's node, when there is one. */
  defaultValue?: PNode;
}

export interface AzureResource {
  /** `Microsoft.Web/sites/config`, without the API version; a nested Bicep resource has its parent's type prefixed. */
  type: string;
  /** The symbolic name (Bicep) or the `name` as written (ARM), for messages and sources. */
  name: string;
  nameSpan: Span;
  /** The enclosing resource's name, for a nested (or Bicep `parent:`) child such as a site's `config`. */
  parent?: string;
  /** The resource body: `name`, `kind`, `properties`, ... */
  body: PNode;
}

export interface AzureTemplate {
  format: 'bicep' | 'arm';
  params: AzureParam[];
  resources: AzureResource[];
  /** What a value node is: a literal, a reference to a secret store, a parameter, or unresolved. */
  valueOf(node: PNode): EnvValue;
}
