import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class OrdersStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Orders', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'orders.handler',
      code: lambda.Code.fromAsset('dist'),
    });
    // MISTAKE(iam): every action on every resource.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    // MISTAKE(iam): AdministratorAccess attached to the function's role.
    fn.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  }
}
