import type { PetitionActionInput } from '../../../../../shared/contracts/petitions.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import {
  type DocumentKind,
  generatePetitionDocument,
  type PetitionDocumentInput,
  type UnitRef,
} from '../documents/index.ts';
import {
  findPetitionViewById,
  findUnit,
  listPetitioners,
  type PetitionView,
} from '../petitions.repository.ts';
import type { PetitionDeadlinesTable } from '../petitions.tables.ts';

// Which official document (公文) each step produces, and the plain data it is built from. The
// documents module numbers, renders and stores it in the same transaction as the step.

/** What the case looked like before the step, for documents that compare (the extension's old due day). */
export interface BeforeStep {
  view: PetitionView;
  deadlines: readonly PetitionDeadlinesTable[];
}

async function unitRef(ctx: Ctx, id: string | null | undefined): Promise<UnitRef | undefined> {
  if (!id) return undefined;
  const unit = await findUnit(ctx.db, id);
  return unit ? { id: unit.id, name: unit.name } : undefined;
}

async function parentRef(ctx: Ctx, id: string | null): Promise<UnitRef | undefined> {
  if (!id) return undefined;
  const unit = await findUnit(ctx.db, id);
  return unitRef(ctx, unit?.parent_id);
}

/** How documents address the petitioners: "张三", or "张三等6人" for a group. */
function addressee(names: readonly string[], peopleCount: number): string {
  const first = names[0] ?? '信访人';
  const count = Math.max(peopleCount, names.length);
  return count > 1 ? `${first}等${count}人` : first;
}

function due(deadlines: readonly PetitionDeadlinesTable[], kind: string): string | undefined {
  return deadlines.find((d) => d.kind === kind)?.due;
}

/**
 * Issues the document of a step that has one — acceptance notice, rejection notice, redirect
 * notice (诉访分离), transfer slip (also for assigning to another unit, 交办), extension notice,
 * answer, review and re-review opinions — dated the day of the step; undefined for steps without.
 * Runs after the step's row, timeline and deadlines are written, in the same transaction.
 */
export async function issueDocument(
  ctx: Ctx,
  input: PetitionActionInput,
  before: BeforeStep,
  deadlines: readonly PetitionDeadlinesTable[],
  on: string,
): Promise<{ fileId: string; number: string; title: string } | undefined> {
  const p = await findPetitionViewById(ctx.db, before.view.id);
  if (!p) return undefined;
  const petitioners = await listPetitioners(ctx.db, p.id);
  const unit = (await unitRef(ctx, p.unit_id)) as UnitRef;
  const base: PetitionDocumentInput = {
    petitionId: p.id,
    petitionNumber: p.number,
    title: p.title,
    receivedOn: p.received_on,
    petitionerName: addressee(
      petitioners.map((x) => x.name),
      p.people_count,
    ),
    demands: p.demands || undefined,
    unit,
    issuedOn: on,
    ...(ctx.config.publicOrigin ? { portalAddress: `${ctx.config.publicOrigin}/portal` } : {}),
  };
  let kind: DocumentKind;
  let doc: PetitionDocumentInput;
  switch (input.action) {
    case 'accept':
      kind = 'acceptance_notice';
      doc = {
        ...base,
        acceptance: {
          acceptedOn: on,
          handlingUnit: unit,
          answerDue: due(deadlines, 'handling') ?? on,
          simpleTrack: p.simple_track === 1,
        },
      };
      break;
    case 'reject':
      kind = 'rejection_notice';
      doc = { ...base, rejection: { reason: input.reason } };
      break;
    case 'redirect':
      kind = 'redirect_notice';
      doc = { ...base, redirect: { route: input.route, where: input.note } };
      break;
    case 'transfer': {
      kind = 'transfer_slip';
      const sender = (await unitRef(ctx, before.view.unit_id)) as UnitRef;
      doc = {
        ...base,
        unit: sender,
        transfer: {
          mode: 'transfer',
          toUnit: unit,
          requirements: input.note,
          due: due(deadlines, 'acceptance') ?? on,
          objectionDue: due(deadlines, 'objection'),
        },
      };
      break;
    }
    case 'assign': {
      if (!p.handling_unit_id || p.handling_unit_id === p.unit_id) return undefined;
      kind = 'transfer_slip';
      const instruction = input.instruction ? `\n领导批示：${input.instruction}` : '';
      doc = {
        ...base,
        transfer: {
          mode: 'assign',
          toUnit: (await unitRef(ctx, p.handling_unit_id)) as UnitRef,
          requirements: `${input.opinion}${instruction}`,
          due: due(deadlines, 'handling') ?? on,
        },
      };
      break;
    }
    case 'extend':
      kind = 'extension_notice';
      doc = {
        ...base,
        extension: {
          reason: input.reason,
          days: input.days,
          previousDue: due(before.deadlines, 'handling') ?? on,
          newDue: due(deadlines, 'handling') ?? on,
        },
      };
      break;
    case 'answer':
      kind = 'answer_opinion';
      doc = {
        ...base,
        answer: {
          unit: await unitRef(ctx, p.answer_unit_id),
          answeredOn: on,
          decision: input.decision,
          facts: input.facts,
          text: input.reasons ? `${input.text}\n${input.reasons}` : input.text,
          legalBasis: input.legalBasis,
          reviewUnit: await parentRef(ctx, p.answer_unit_id),
          reviewRequestDue: due(deadlines, 'review_request') ?? on,
        },
      };
      break;
    case 'review':
      kind = 'review_opinion';
      doc = {
        ...base,
        review: {
          unit: (await unitRef(ctx, p.review_unit_id)) as UnitRef,
          requestedOn: p.review_requested_on ?? on,
          reason: p.review_request_reason ?? undefined,
          decidedOn: on,
          decision: input.decision,
          text: input.text,
          rereviewUnit: await parentRef(ctx, p.review_unit_id),
          rereviewRequestDue: due(deadlines, 'rereview_request') ?? on,
        },
      };
      break;
    case 'rereview':
      kind = 'rereview_opinion';
      doc = {
        ...base,
        rereview: {
          unit: (await unitRef(ctx, p.rereview_unit_id)) as UnitRef,
          requestedOn: p.rereview_requested_on ?? on,
          reason: p.rereview_request_reason ?? undefined,
          decidedOn: on,
          decision: input.decision,
          text: input.text,
        },
      };
      break;
    default:
      return undefined;
  }
  return generatePetitionDocument(ctx, kind, doc);
}
