import { recordAudit } from '../../../platform/audit/audit.ts';
import type { AuditVerifyResult } from '../../../platform/audit/verify.ts';
import type { Ctx } from '../../../platform/http/context.ts';

/**
 * Records that the actor verified the audit chain and what the run found (`audit.verify`):
 * reading the trail is not audited per request, checking its integrity is (ADR 0003).
 */
export async function recordAuditVerification(ctx: Ctx, result: AuditVerifyResult): Promise<void> {
  await recordAudit(ctx, {
    action: 'audit.verify',
    subjectType: 'audit_log',
    after: {
      ok: result.ok,
      checked: result.checked,
      ...(result.brokenAt !== undefined ? { brokenAt: result.brokenAt } : {}),
      anchors: result.anchors,
    },
  });
}
