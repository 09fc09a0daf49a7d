import type { z } from 'zod';
import type { ArriveBody } from '../../../../../shared/contracts/receptions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { decryptField, loadKeyRing } from '../../../platform/crypto/sm4.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { canManageReceptions } from '../receptions.policy.ts';
import { closeAppointment, findAppointmentInScope } from '../receptions.repository.ts';
import { appointmentPhoneAad } from './book-appointment.ts';
import { registerReception } from './register-reception.ts';

/** The title of a case opened from an appointment's topic (at most 200 characters). */
function titleOf(topic: string): string {
  return topic.length > 200 ? `${topic.slice(0, 199)}…` : topic;
}

/**
 * The citizen of an appointment came (到访): appointment in scope (404), clerk/leader/unit_admin
 * (403), still booked and its day come (409 invalid_transition). Logs the visit at the slot's unit
 * on the slot's day, received by the slot's leader unless another is named, creating or joining a
 * case as any visit does (the new case's petitioner, title and content default to the
 * appointment's name, phone and topic), and marks the appointment attended. Audited.
 */
export async function recordArrival(
  ctx: Ctx,
  actor: Actor,
  appointmentId: string,
  input: z.infer<typeof ArriveBody>,
) {
  const appt = await findAppointmentInScope(ctx.db, actor, appointmentId);
  if (!appt) throw new AppError('not_found', '找不到该预约，或它不在您的单位范围内。');
  authorize(canManageReceptions(actor), '只有登记人员、领导或单位管理员可以登记到访。');
  if (appt.status !== 'booked')
    throw new AppError(
      'invalid_transition',
      appt.status === 'attended'
        ? '该预约已登记到访，不能重复登记。'
        : '该预约已标记为未到，不能再登记到访。',
    );
  const today = chinaDate(ctx.clock.now());
  if (appt.slot_date > today)
    throw new AppError('invalid_transition', `预约的接访日期（${appt.slot_date}）还没到，请在当天登记到访。`);
  let petition = input.petition;
  if (petition) {
    const phone = decryptField(loadKeyRing(ctx.config), appt.phone_enc, appointmentPhoneAad(appt.id));
    petition = {
      ...petition,
      petitioners: petition.petitioners ?? [
        { name: appt.name, phone, idNumber: undefined, address: undefined },
      ],
      title: petition.title ?? titleOf(appt.topic),
      content: petition.content ?? appt.topic,
    };
  }
  const result = await registerReception(
    ctx,
    actor,
    {
      ...input,
      unitId: appt.unit_id,
      on: appt.slot_date,
      leaderId: input.leaderId ?? appt.leader_id,
      petition: petition as Parameters<typeof registerReception>[2]['petition'],
      note: input.note || `预约接访：${appt.topic}`,
    },
    { appointmentId: appt.id },
  );
  const at = ctx.clock.now().toISOString();
  if (!(await closeAppointment(ctx.db, appt.id, { status: 'attended', at, receptionId: result.view.id })))
    throw new AppError('invalid_transition', '该预约刚刚已被他人处理，请刷新后查看。');
  await recordAudit(ctx, {
    action: 'reception.appointment_arrive',
    subjectType: 'reception_appointment',
    subjectId: appt.id,
    unitId: appt.unit_id,
    before: { status: 'booked' },
    after: { status: 'attended', receptionId: result.view.id },
  });
  return result;
}
