import type { SubmitPetitionInput } from '../../../../../shared/contracts/portal.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { maskPhoneForLog } from '../../../platform/notify/channels.ts';
import { enqueueSms } from '../../../platform/notify/outbox.ts';
import { findUnit, listCategories } from '../../petitions/petitions.repository.ts';
import { registerPetition } from '../../petitions/use-cases/register-petition.ts';
import { answerMatches, SUBMISSION_LIMITS, submissionDecision } from '../portal.policy.ts';
import {
  ChallengeNeeded,
  recordRateEvent,
  submissionCounts,
  submissionLimited,
} from '../portal.rate-limit.ts';
import { findLiveChallenge, spendChallenge } from '../portal.repository.ts';
import { attachUploads, findUploads } from './attach-uploads.ts';

/** The category an online petition starts in; the clerk re-classifies it when accepting. */
const PORTAL_CATEGORY = '其他';

/** What the registration's timeline entry tells the clerk about an accusation made online. */
const ACCUSATION_NOTE =
  '网上提交的检举控告：被检举控告的单位或人员未在网上填写，请登记人员与信访人核实后补充，并确认本单位不属于被检举控告的单位。';

/** The SMS that gives the petitioner the case number and the query code (no content, no name). */
export function queryCodeSms(unitName: string, number: string, queryCode: string): string {
  return `【网上信访】您反映的事项已送${unitName}，事项编号${number}，查询码${queryCode}。凭查询码可在网上信访查询办理进度、评价答复；查询码请妥善保存，不要告诉他人。`;
}

/** The address owes an answer: checks the given one against its live challenge and spends it. */
async function checkChallenge(ctx: Ctx, ipHash: string, input: SubmitPetitionInput): Promise<void> {
  if (!input.challengeId) throw new ChallengeNeeded('required');
  const now = ctx.clock.now().toISOString();
  const challenge = await findLiveChallenge(ctx.db, input.challengeId, ipHash, now);
  if (!challenge) throw new ChallengeNeeded('expired');
  if (!answerMatches(challenge.answer, input.challengeAnswer))
    throw new ChallengeNeeded('wrong', challenge.id);
  if (!(await spendChallenge(ctx.db, challenge.id, now))) throw new ChallengeNeeded('expired');
}

/** The category online petitions start in: 其他, or the first active one if it was retired. */
async function portalCategory(ctx: Ctx): Promise<string> {
  const active = await listCategories(ctx.db, false);
  const found = active.find((c) => c.name === PORTAL_CATEGORY) ?? active[0];
  if (!found) throw new Error('The category dictionary has no active category');
  return found.name;
}

/**
 * A citizen's online petition (网上信访, domain: Public portal), in the caller's transaction: the
 * address's limits first (429 over 5 an hour or 20 a day; from the 3rd within an hour a spent
 * challenge answer, else ChallengeNeeded), the unit known (404) and accepting online petitions
 * (422 online_not_accepted); then registered through the petitions module — channel online,
 * received today (China time), one person, no staff actor (audited as 网上信访), an accusation
 * flagged on its timeline for the clerk to complete — its uploads (422 attachment_expired when one
 * is not live) made its attachments, the number and query code queued by SMS to the petitioner's
 * phone (outbox, same transaction, once per case), and the submission counted.
 */
export async function submitPetition(ctx: Ctx, ipHash: string, input: SubmitPetitionInput) {
  const counts = await submissionCounts(ctx.db, ctx.clock, ipHash);
  const decision = submissionDecision(counts);
  if (decision === 'limit') await submissionLimited(ctx.db, ctx.clock, ipHash, counts, SUBMISSION_LIMITS);
  if (decision === 'challenge') await checkChallenge(ctx, ipHash, input);

  const unit = await findUnit(ctx.db, input.unitId);
  if (!unit)
    throw new AppError('not_found', '找不到所选的受理单位，请从单位列表中重新选择。', { field: 'unitId' });
  if (unit.accepts_online !== 1)
    throw new AppError(
      'online_not_accepted',
      `“${unit.name}”暂不受理网上信访，请从列表中选择其他单位，或通过来信、来访提出。`,
      { field: 'unitId' },
    );

  const uploads = await findUploads(ctx, input.attachments);
  const today = chinaDate(ctx.clock.now());
  const result = await registerPetition(
    ctx,
    null,
    unit,
    {
      channel: 'online',
      receivedOn: today,
      unitId: unit.id,
      classification: input.classification,
      category: await portalCategory(ctx),
      title: input.title,
      content: input.content,
      demands: input.demands,
      peopleCount: 1,
      petitioners: [
        {
          name: input.petitioner.name,
          phone: input.petitioner.phone,
          idNumber: input.petitioner.idNumber,
          address: undefined,
          isRepresentative: undefined,
        },
      ],
      accused: undefined,
    },
    input.classification === 'accusation' ? { note: ACCUSATION_NOTE } : {},
  );
  await attachUploads(ctx, { id: result.id, unitId: unit.id }, uploads);
  await enqueueSms(ctx, {
    phone: input.petitioner.phone,
    text: queryCodeSms(unit.name, result.number, result.queryCode),
    dedupKey: `portal-query-code:${result.id}`,
    unitId: unit.id,
  });
  await recordRateEvent(ctx.db, ctx.clock, ipHash, 'submit');
  return {
    number: result.number,
    queryCode: result.queryCode,
    unitName: unit.name,
    receivedOn: today,
    acceptanceDue: result.deadlines.find((d) => d.kind === 'acceptance')?.due ?? null,
    attachments: uploads.length,
    smsSentTo: maskPhoneForLog(input.petitioner.phone),
  };
}
