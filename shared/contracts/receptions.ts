import { z } from 'zod';
import { DateString, PageQuery } from './common.ts';

// Wire shapes of receptions (api-contract: Receptions and appointments): reception slots (领导接访日),
// appointments (约访) from the portal and by phone, and walk-in or group visits.

/** A record id: opaque, only letters, digits and `_ . : -`. */
const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确');

/** A wall-clock time `HH:MM` (00:00–23:59). */
const TimeString = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM，例如 09:00');

/** Non-empty trimmed text up to `max` characters. */
const text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);

/** A mainland mobile number (11 digits, 1[3-9]…). */
export const MobileSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为11位大陆手机号，例如 13812345678');

export const CreateSlotBody = z
  .object({
    unitId: Id,
    leaderId: Id,
    date: DateString,
    start: TimeString,
    end: TimeString,
    place: text('接访地点', 200),
    capacity: z.number().int().min(1, '名额至少为1').max(200, '名额最多为200'),
  })
  .refine((b) => b.end > b.start, { message: '结束时间应晚于开始时间', path: ['end'] });

export const SlotResponse = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  leaderId: z.string(),
  leaderName: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  place: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
  remaining: z.number().int(),
});
export type SlotWire = z.infer<typeof SlotResponse>;

/** `?unitId&from&to&page&pageSize` of the staff lists (slots and the reception log). */
export const SlotListQuery = PageQuery.extend({
  unitId: Id.optional(),
  from: DateString.optional(),
  to: DateString.optional(),
});
export const SlotListResponse = z.object({ items: z.array(SlotResponse), total: z.number().int() });

export const PublicSlotQuery = z.object({ unitId: Id });
export const PublicSlotResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      start: z.string(),
      end: z.string(),
      place: z.string(),
      leaderName: z.string(),
      remaining: z.number().int(),
    }),
  ),
});

export const AppointmentBody = z.object({
  slotId: Id,
  name: text('姓名', 60),
  phone: MobileSchema,
  topic: text('反映事项', 500),
});
export const PublicAppointmentResponse = z.object({ code: z.string() });

export const AppointmentResponse = z.object({
  id: z.string(),
  slotId: z.string(),
  code: z.string(),
  name: z.string(),
  phone: z.string(),
  topic: z.string(),
  channel: z.enum(['portal', 'phone']),
  createdAt: z.string(),
});
export const AppointmentListResponse = z.object({
  items: z.array(AppointmentResponse),
  total: z.number().int(),
});

export const LEADER_LEVELS = ['principal', 'deputy', 'owner', 'none'] as const;
export type LeaderLevel = (typeof LEADER_LEVELS)[number];

export const CreateReceptionBody = z.object({
  unitId: Id,
  on: DateString,
  peopleCount: z.number().int().min(1, '人数至少为1').max(100000),
  petitionId: Id.optional(),
  leaderId: Id.optional(),
  note: z.string().trim().max(2000, '说明不能超过2000个字').default(''),
});

export const ReceptionResponse = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  on: z.string(),
  peopleCount: z.number().int(),
  petitionId: z.string().nullable(),
  leaderId: z.string().nullable(),
  leaderName: z.string().nullable(),
  note: z.string(),
  requiredLeaderLevel: z.enum(LEADER_LEVELS),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export const ReceptionListResponse = z.object({ items: z.array(ReceptionResponse), total: z.number().int() });

/** A staff (phone) booking's answer: the appointment, its code and slot. */
export const StaffAppointmentResponse = z.object({ id: z.string(), code: z.string(), slotId: z.string() });
