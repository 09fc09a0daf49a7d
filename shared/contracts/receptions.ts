import { z } from 'zod';
import { DateString, PageQuery } from './common.ts';
import { CreatePetitionBody } from './petitions.ts';

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
  status: z.enum(['booked', 'attended', 'no_show']),
  statusAt: z.string().nullable(),
  receptionId: z.string().nullable(),
});
export const AppointmentListResponse = z.object({
  items: z.array(AppointmentResponse),
  total: z.number().int(),
});

export const LEADER_LEVELS = ['principal', 'deputy', 'owner', 'none'] as const;
export type LeaderLevel = (typeof LEADER_LEVELS)[number];

/** An ISO instant (e.g. `2026-11-02T02:30:00.000Z`). */
const Instant = z.iso.datetime({
  offset: true,
  message: '时间格式应为 ISO 8601，例如 2026-11-02T10:30:00+08:00',
});

/** Staff ids present at a visit (at most 30). */
const StaffIds = z.array(Id).max(30, '在场工作人员最多30人').default([]);

export const JOINT_ROLES = ['lead', 'co'] as const;
/** A unit taking part in a joint reception (联合接访): lead (牵头) or co (配合), with its staff present. */
export const JointUnitInput = z.object({
  unitId: Id,
  role: z.enum(JOINT_ROLES, { error: '单位角色只能是 lead（牵头）或 co（配合）' }),
  staffIds: StaffIds,
});

/**
 * A petition registered together with the visit: the body of POST /api/v1/petitions, channel
 * always `visit`; unitId, receivedOn and peopleCount default to the visit's.
 */
export const VisitPetitionInput = CreatePetitionBody.extend({
  channel: z.literal('visit', { error: '来访登记的信访事项渠道只能是 visit（来访）' }).default('visit'),
  unitId: Id.optional(),
  receivedOn: DateString.optional(),
  peopleCount: z.number().int().min(1, '人数至少为1').max(100000).optional(),
});

/** What a visit records besides its unit, date and group: who received it, who was there, and the case. */
const VisitFields = {
  peopleCount: z.number().int().min(1, '人数至少为1').max(100000),
  petitionId: Id.optional(),
  petition: VisitPetitionInput.optional(),
  leaderId: Id.optional(),
  /** When the leader received the visitors; defaults to now. */
  receivedAt: Instant.optional(),
  staffIds: StaffIds,
  /** A joint reception: exactly one lead unit (the visit's unit) and co-units with their staff. */
  units: z.array(JointUnitInput).max(10, '联合接访最多10个单位').optional(),
  note: z.string().trim().max(2000, '说明不能超过2000个字').default(''),
};

/** A visit may join a case or register one, not both. */
const oneCase = (b: { petitionId?: string; petition?: unknown }) => !(b.petitionId && b.petition);
const oneCaseError = {
  message: '请在“关联已有事项”（petitionId）和“登记新事项”（petition）中二选一',
  path: ['petition'],
};

export const CreateReceptionBody = z
  .object({ unitId: Id, on: DateString, ...VisitFields })
  .refine(oneCase, oneCaseError);
export type CreateReceptionInput = z.infer<typeof CreateReceptionBody>;

/**
 * The case registered when an appointment arrives: as for a visit, and the petitioner (the
 * appointment's name and phone), title and content (its topic) default to the appointment's.
 */
export const ArrivePetitionInput = VisitPetitionInput.extend({
  petitioners: CreatePetitionBody.shape.petitioners.optional(),
  title: VisitPetitionInput.shape.title.optional(),
  content: VisitPetitionInput.shape.content.optional(),
});

/** POST /api/v1/appointments/{id}/arrive: the citizen came; the visit is logged at the slot's unit on its day. */
export const ArriveBody = z
  .object({
    ...VisitFields,
    peopleCount: VisitFields.peopleCount.default(1),
    petition: ArrivePetitionInput.optional(),
  })
  .refine(oneCase, oneCaseError);

const Person = z.object({ userId: z.string(), name: z.string() });

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
  /** The leader the rules name, when known: the case's owning leader, or the unit's principal or deputy. */
  requiredLeader: Person.optional(),
  receivedAt: z.string().nullable(),
  staff: z.array(Person.extend({ unitId: z.string() })),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), role: z.enum(JOINT_ROLES) })),
  appointmentId: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  /** Only in the answer that registered it: the new case, with the query code for the petitioner. */
  createdPetition: z.object({ id: z.string(), number: z.string(), queryCode: z.string() }).optional(),
});
export type ReceptionWire = z.infer<typeof ReceptionResponse>;

/** `?unitId&leaderId&from&to&page&pageSize` of the reception log. */
export const ReceptionListQuery = PageQuery.extend({
  unitId: Id.optional(),
  leaderId: Id.optional(),
  from: DateString.optional(),
  to: DateString.optional(),
});
export const ReceptionListResponse = z.object({ items: z.array(ReceptionResponse), total: z.number().int() });

/** A staff (phone) booking's answer: the appointment, its code and slot. */
export const StaffAppointmentResponse = z.object({ id: z.string(), code: z.string(), slotId: z.string() });

/** Group-size rules of a unit: from how many people the principal, and the deputy, must receive. */
export const ReceptionRulesBody = z
  .object({
    principalFrom: z.number().int().min(2, '主要领导接待人数下限至少为2').max(10000),
    deputyFrom: z.number().int().min(1, '分管领导接待人数下限至少为1').max(9999),
  })
  .refine((b) => b.principalFrom > b.deputyFrom, {
    message: '主要领导接待的人数下限应大于分管领导接待的人数下限',
    path: ['principalFrom'],
  });

export const ReceptionRulesResponse = z.object({
  unitId: z.string(),
  principalFrom: z.number().int(),
  deputyFrom: z.number().int(),
  /** own: set on this unit; inherited: from the nearest ancestor with rules; default: 20 / 5. */
  source: z.enum(['own', 'inherited', 'default']),
  fromUnitId: z.string().nullable(),
  fromUnitName: z.string().nullable(),
  abilities: z.object({ edit: z.boolean() }),
});

/** `?peopleCount&petitionId` of the live preview of who must receive a visit. */
export const RequiredLeaderQuery = z.object({
  peopleCount: z.coerce.number().int().min(1, '人数至少为1').max(100000),
  petitionId: Id.optional(),
});
export const RequiredLeaderResponse = z.object({
  level: z.enum(LEADER_LEVELS),
  leader: Person.optional(),
  principalFrom: z.number().int(),
  deputyFrom: z.number().int(),
});

export const FIELD_VISIT_KINDS = ['field', 'with_case', 'home'] as const;

export const FieldVisitBody = z
  .object({
    kind: z.enum(FIELD_VISIT_KINDS, {
      error: '走访方式只能是 field（下访）、with_case（带案下访）或 home（上门走访）',
    }),
    on: DateString,
    place: text('走访地点', 200),
    visitors: z.array(Id).min(1, '请至少选择一名走访人员').max(20, '走访人员最多20人'),
    metWith: text('接谈对象', 500),
    promises: z
      .array(z.object({ text: text('承诺事项', 500), dueOn: DateString }))
      .max(20, '承诺事项最多20项')
      .default([]),
    note: z.string().trim().max(5000, '情况记录不能超过5000个字').default(''),
  })
  .refine((b) => b.promises.every((p) => p.dueOn >= b.on), {
    message: '承诺办结日期不能早于走访日期',
    path: ['promises'],
  });

export const PromiseResponse = z.object({
  id: z.string(),
  visitId: z.string(),
  text: z.string(),
  dueOn: z.string(),
  done: z.boolean(),
  doneOn: z.string().nullable(),
  /** Not done and its day has passed (China date). */
  overdue: z.boolean(),
});

export const FieldVisitResponse = z.object({
  id: z.string(),
  petitionId: z.string(),
  kind: z.enum(FIELD_VISIT_KINDS),
  on: z.string(),
  place: z.string(),
  visitors: z.array(Person),
  metWith: z.string(),
  promises: z.array(PromiseResponse),
  note: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export const FieldVisitListResponse = z.object({ items: z.array(FieldVisitResponse) });
export const PromiseListResponse = z.object({ items: z.array(PromiseResponse) });
export const PromiseDoneBody = z.object({ on: DateString.optional() });
export const PromiseParams = z.object({ id: Id, pid: Id });

export const JointUnitsResponse = z.object({
  items: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      role: z.enum(JOINT_ROLES),
      receptionId: z.string(),
    }),
  ),
});
