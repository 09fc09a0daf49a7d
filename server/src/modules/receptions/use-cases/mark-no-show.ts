import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { canManageReceptions } from '../receptions.policy.ts';
import { closeAppointment, findAppointmentById, findAppointmentInScope } from '../receptions.repository.ts';

/**
 * The citizen of an appointment did not come (未到): appointment in scope (404), clerk/leader/
 * unit_admin (403), still booked and its day come (409 invalid_transition). Audited.
 */
export async function markNoShow(ctx: Ctx, actor: Actor, appointmentId: string) {
  const appt = await findAppointmentInScope(ctx.db, actor, appointmentId);
  if (!appt) throw new AppError('not_found', '找不到该预约，或它不在您的单位范围内。');
  authorize(canManageReceptions(actor), '只有登记人员、领导或单位管理员可以标记未到。');
  if (appt.slot_date > chinaDate(ctx.clock.now()))
    throw new AppError('invalid_transition', `预约的接访日期（${appt.slot_date}）还没到，不能标记未到。`);
  const at = ctx.clock.now().toISOString();
  if (!(await closeAppointment(ctx.db, appt.id, { status: 'no_show', at, receptionId: null })))
    throw new AppError('invalid_transition', '该预约已登记到访或已标记未到。');
  await recordAudit(ctx, {
    action: 'reception.appointment_no_show',
    subjectType: 'reception_appointment',
    subjectId: appt.id,
    unitId: appt.unit_id,
    before: { status: 'booked' },
    after: { status: 'no_show' },
  });
  return findAppointmentById(ctx.db, appt.id);
}
