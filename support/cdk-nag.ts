/**
 * Runs cdk-nag's AwsSolutions pack over a packaged CloudFormation template. The template is
 * loaded with `CfnInclude`; each resource's own `Metadata.cdk_nag.rules_to_suppress`
 * (`[{ id, reason }]`, the format compliance tooling reads) is honoured as an acknowledgement.
 */
import { App, type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks } from 'cdk-nag';

/** One unacknowledged finding: the rule and the template's logical resource id. */
export interface NagFinding {
  readonly rule: string;
  readonly resource: string;
  readonly severity: string;
  readonly description: string;
}

/** One acknowledged finding, with the reason the template gives for it. */
export interface NagAcknowledgement {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
}

export interface NagReport {
  readonly findings: readonly NagFinding[];
  readonly acknowledged: readonly NagAcknowledgement[];
}

interface Suppression {
  readonly id: string;
  readonly reason: string;
  /** For granular rules such as AwsSolutions-IAM5: the findings acknowledged, e.g. "Resource::*". */
  readonly applies_to?: readonly string[];
}

/** Scans one template file; parameters are left at their defaults, as CfnInclude reads them. */
export function nagTemplate(templateFile: string): NagReport {
  const app = new App();
  const stack = new Stack(app, 'Packaged');
  const template = new CfnInclude(stack, 'Template', { templateFile });
  const acknowledged: NagAcknowledgement[] = [];
  for (const child of template.node.findAll()) {
    const resource = child as CfnResource;
    if (typeof resource.getMetadata !== 'function' || typeof resource.cfnResourceType !== 'string') continue;
    const rules = (resource.getMetadata('cdk_nag') as { rules_to_suppress?: Suppression[] } | undefined)?.rules_to_suppress ?? [];
    for (const { id, reason, applies_to } of rules) {
      if (typeof reason !== 'string' || reason.trim().length < 20) throw new Error(`${resource.logicalId}: acknowledgement of ${id} needs a real reason`);
      for (const rule of applies_to?.map((finding) => `${id}[${finding}]`) ?? [id]) {
        Validations.of(resource).acknowledge({ id: rule, reason });
        acknowledged.push({ rule, resource: resource.node.id, reason });
      }
    }
  }
  const report = new AwsSolutionsChecks(app).validateScope(app);
  const findings = report.violations.flatMap((violation) =>
    violation.violatingResources.map((r) => ({
      rule: violation.ruleName,
      resource: r.resourceLogicalId ?? r.constructPath?.split('/').pop() ?? '?',
      severity: violation.severity ?? 'error',
      description: violation.description,
    })),
  );
  return { findings, acknowledged };
}
