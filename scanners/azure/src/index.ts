/**
 * The Azure scanner: Bicep (`.bicep`, tree-sitter), ARM JSON templates (recognised by their
 * `$schema`) and Azure Functions `local.settings.json`. Each becomes the shared facts, judged by
 * the same checks as Terraform and CloudFormation, with the secret catalog over the file (core's
 * `factFileDrafts`).
 */
import {
  INFRA_RULES,
  factFileDrafts,
  lineStarts,
  type FactSet,
  type FileScanner,
  type Notification,
  type ScanContext,
  type ScanInput,
  type ScanOutput,
} from '@leakguard/core';
import { parseNotifications, parseTree } from '@leakguard/scanner-cloudformation';
import { armTemplate, blankJsonComments, isArmTemplate } from './arm.js';
import { bicepReady, initBicep, parseBicep } from './bicep.js';
import { azureFacts } from './facts.js';
import { LOCAL_SETTINGS, localSettingsFacts } from './local-settings.js';

export { bicepReady, parseBicep, initBicep } from './bicep.js';
export { armTemplate, blankJsonComments, isArmTemplate } from './arm.js';
export { azureFacts } from './facts.js';
export { localSettingsFacts } from './local-settings.js';

const BICEP = /\.bicep$/i;
const JSON_FILE = /\.json$/i;
/** A Bicep file over 2 MB is generated, not written: judged no further (the secret pass still runs). */
export const MAX_BICEP_CHARS = 2_000_000;

export class AzureScanner implements FileScanner {
  readonly name = 'azure';
  readonly rules = INFRA_RULES;
  private loadError: string | undefined;

  async init(): Promise<void> {
    try {
      await initBicep();
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  accepts(input: ScanInput): boolean {
    if (BICEP.test(input.path) || LOCAL_SETTINGS.test(input.path)) return true;
    return JSON_FILE.test(input.path) && input.text.includes('schema.management.azure.com') && /[dD]eploymentTemplate\.json/.test(input.text);
  }

  async scan(input: ScanInput, context: ScanContext): Promise<ScanOutput> {
    const starts = lineStarts(input.text);
    // The catalog runs here too (coversSecrets), so an app setting the catalog recognises under any name gets the environment's view.
    const judged = (facts: FactSet, notifications: Notification[] = []): ScanOutput => ({ drafts: factFileDrafts(facts, input.text, starts, context.secrets), notifications, coversSecrets: true });
    if (BICEP.test(input.path)) {
      if (input.text.length > MAX_BICEP_CHARS) return { drafts: [], notifications: [{ kind: 'parse-error', level: 'note', message: `Bicep file over ${MAX_BICEP_CHARS} characters: only scanned for secrets`, path: input.path }] };
      if (!bicepReady()) await this.init();
      if (this.loadError !== undefined) {
        return { drafts: [], notifications: [{ kind: 'internal', level: 'error', message: `Bicep grammar could not be loaded (${this.loadError}); ${input.path} was only scanned for secrets`, path: input.path }] };
      }
      const parsed = parseBicep(input.text);
      return judged(azureFacts(parsed.template, starts), parseNotifications(input.path, input.text, parsed.problems, 'Bicep file'));
    }
    // ARM templates and local.settings.json may hold comments; offsets are kept, so positions are the file's.
    const parsed = parseTree(blankJsonComments(input.text));
    if (!parsed.root) return { drafts: [], notifications: parseNotifications(input.path, input.text, parsed.problems, LOCAL_SETTINGS.test(input.path) ? 'local.settings.json' : 'ARM template') };
    if (LOCAL_SETTINGS.test(input.path)) return judged(localSettingsFacts(parsed.root, starts, input.path));
    if (!isArmTemplate(parsed.root)) return { drafts: [], notifications: [] };
    return judged(azureFacts(armTemplate(parsed.root), starts));
  }
}
