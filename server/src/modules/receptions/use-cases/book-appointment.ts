import crypto from 'node:crypto';
import type { z } from 'zod';
import type { AppointmentBody } from '../../../../../shared/contracts/receptions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { encryptField, loadKeyRing } from '../../../platform/crypto/sm4.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { maskPhone } from '../../petitions/personal-data.ts';
import { insertAppointment, type SlotView, takePlace } from '../receptions.repository.ts';

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 12;

/** An unguessable appointment code: 12 characters of an unambiguous 31-letter alphabet (~59 bits). */
export function appointmentCode(): string {
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return out;
}

/** The aad binding an appointment's encrypted phone to the appointment. */
export function appointmentPhoneAad(appointmentId: string): string {
  return `reception_appointment:${appointmentId}:phone`;
}

/**
 * Books one place of a slot (约访) in the caller's transaction: the place is taken by a guarded
 * UPDATE (409 slot_full when none is left, never overbooked) before the appointment is stored with
 * its phone SM4-encrypted. A past slot cannot be booked (409 slot_full). Audited without the phone.
 */
export async function bookAppointment(
  ctx: Ctx,
  slot: SlotView,
  input: z.infer<typeof AppointmentBody>,
  by: { actor: Actor | null; channel: 'portal' | 'phone' },
): Promise<{ id: string; code: string }> {
  if (slot.date < chinaDate(ctx.clock.now()))
    throw new AppError('slot_full', '该接访时段已过，不能再预约，请选择其他时段。');
  if (!(await takePlace(ctx.db, slot.id))) throw new AppError('slot_full');
  const id = newId();
  const code = appointmentCode();
  await insertAppointment(ctx.db, {
    id,
    slot_id: slot.id,
    code,
    name: input.name,
    phone_enc: encryptField(loadKeyRing(ctx.config), input.phone, appointmentPhoneAad(id)),
    phone_masked: maskPhone(input.phone),
    topic: input.topic,
    channel: by.channel,
    created_by: by.actor?.userId ?? null,
    created_at: ctx.clock.now().toISOString(),
    status: 'booked',
    status_at: null,
    reception_id: null,
  });
  await recordAudit(ctx, {
    action: 'reception.appointment_book',
    subjectType: 'reception_appointment',
    subjectId: id,
    unitId: slot.unit_id,
    after: { slotId: slot.id, channel: by.channel },
    ...(by.actor ? {} : { actorId: null, actorName: '网上预约' }),
  });
  return { id, code };
}
