import crypto from 'node:crypto';
import type { PortalChallenge } from '../../../../shared/contracts/portal.ts';
import type { Config } from '../../config.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { blindIndex, loadKeyRing } from '../../platform/crypto/sm4.ts';
import type { Db } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/app-error.ts';
import {
  addressKey,
  CHALLENGE_TTL_MS,
  CHALLENGES_PER_HOUR,
  DAY_MS,
  HOUR_MS,
  LOOKUPS_PER_MINUTE,
  MINUTE_MS,
  makeChallenge,
  PORTAL_ATTACHMENTS,
  RATE_EVENT_RETENTION_MS,
} from './portal.policy.ts';
import {
  countRateEvents,
  insertChallenge,
  insertRateEvent,
  oldestRateEventSince,
  purgeChallenges,
  purgeRateEvents,
} from './portal.repository.ts';

// Abuse controls of the portal, counted in the database so that they hold across app instances:
// one row per counted request (hashed address, kind, time), counted over indexed windows; rows
// older than a day are deleted as new ones arrive. No plaintext address is ever stored.

export type RateKind = 'submit' | 'lookup' | 'challenge' | 'upload' | 'appointment';

/** One in this many writes also purges everybody's expired rows (cheap, indexed on `at`). */
const GLOBAL_PURGE_ONE_IN = 50;

/** The keyed SM3 hash (blind index) of a client's address: IPv4 as is, IPv6 by its /64. */
export function addressHash(config: Pick<Config, 'keyFile'>, ip: string): string {
  return blindIndex(loadKeyRing(config), `portal_address:${addressKey(ip)}`);
}

/** The 429 of a window that is full, telling when the oldest counted request leaves it. */
async function limited(
  db: Db,
  clock: Clock,
  ipHash: string,
  kind: RateKind,
  windowMs: number,
  message: string,
): Promise<never> {
  const now = clock.now().getTime();
  const oldest = await oldestRateEventSince(db, ipHash, kind, new Date(now - windowMs).toISOString());
  const freeAt = oldest ? Date.parse(oldest) + windowMs : now + windowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now) / 1000));
  throw new AppError('rate_limited', message, { retryAfterSeconds });
}

/** Counts one request of a kind, and deletes rows older than a day (the address's; now and then everybody's). */
export async function recordRateEvent(db: Db, clock: Clock, ipHash: string, kind: RateKind): Promise<void> {
  const now = clock.now();
  const before = new Date(now.getTime() - RATE_EVENT_RETENTION_MS).toISOString();
  await purgeRateEvents(db, ipHash, before);
  if (crypto.randomInt(GLOBAL_PURGE_ONE_IN) === 0) {
    await purgeRateEvents(db, null, before);
    await purgeChallenges(db, before);
  }
  await insertRateEvent(db, { id: newId(), ip_hash: ipHash, kind, at: now.toISOString() });
}

/** Counts a query-code request of an address; 429 rate_limited after 30 within a minute (stops guessing). */
export async function countLookup(db: Db, clock: Clock, ipHash: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const since = new Date(clock.now().getTime() - MINUTE_MS).toISOString();
    if ((await countRateEvents(trx, ipHash, 'lookup', since)) >= LOOKUPS_PER_MINUTE)
      await limited(
        trx,
        clock,
        ipHash,
        'lookup',
        MINUTE_MS,
        `查询过于频繁（每分钟最多${LOOKUPS_PER_MINUTE}次），请稍后再试。`,
      );
    await recordRateEvent(trx, clock, ipHash, 'lookup');
  });
}

/** Refuses an upload of an address with 429 rate_limited after 15 within an hour. */
export async function checkUploadLimit(db: Db, clock: Clock, ipHash: string): Promise<void> {
  const since = new Date(clock.now().getTime() - HOUR_MS).toISOString();
  if ((await countRateEvents(db, ipHash, 'upload', since)) >= PORTAL_ATTACHMENTS.perHour)
    await limited(
      db,
      clock,
      ipHash,
      'upload',
      HOUR_MS,
      `同一网络地址每小时最多上传${PORTAL_ATTACHMENTS.perHour}个附件，请稍后再试。`,
    );
}

/** An address's submissions in the last hour and day. */
export async function submissionCounts(db: Db, clock: Clock, ipHash: string) {
  const now = clock.now().getTime();
  const [lastHour, lastDay] = await Promise.all([
    countRateEvents(db, ipHash, 'submit', new Date(now - HOUR_MS).toISOString()),
    countRateEvents(db, ipHash, 'submit', new Date(now - DAY_MS).toISOString()),
  ]);
  return { lastHour, lastDay };
}

/** The 429 of an address over its submission limits (hour or day, whichever is full). */
export async function submissionLimited(
  db: Db,
  clock: Clock,
  ipHash: string,
  counts: { lastHour: number; lastDay: number },
  limits: { perHour: number; perDay: number },
): Promise<never> {
  if (counts.lastDay >= limits.perDay)
    return limited(
      db,
      clock,
      ipHash,
      'submit',
      DAY_MS,
      `同一网络地址每天最多提交${limits.perDay}件信访事项，今天已达上限，请明天再试，或通过来信、来访提出。`,
    );
  return limited(
    db,
    clock,
    ipHash,
    'submit',
    HOUR_MS,
    `同一网络地址每小时最多提交${limits.perHour}件信访事项，请稍后再试。`,
  );
}

/**
 * Issues a fresh arithmetic challenge to an address (its own transaction, so that it survives the
 * refused request): stored with a 10-minute expiry, answerable once. 429 after 20 in an hour.
 */
export async function issueChallenge(db: Db, clock: Clock, ipHash: string): Promise<PortalChallenge> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const since = new Date(now.getTime() - HOUR_MS).toISOString();
    if ((await countRateEvents(trx, ipHash, 'challenge', since)) >= CHALLENGES_PER_HOUR)
      await limited(trx, clock, ipHash, 'challenge', HOUR_MS, '验证次数过多，请一小时后再试。');
    const { question, answer } = makeChallenge((n) => crypto.randomInt(n));
    const id = newId();
    const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString();
    await insertChallenge(trx, {
      id,
      ip_hash: ipHash,
      question,
      answer,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    });
    await recordRateEvent(trx, clock, ipHash, 'challenge');
    return { id, question, expiresAt };
  });
}

/**
 * Thrown inside a submission's transaction when the address owes a challenge answer: `required`
 * (none given, or expired or spent), `wrong` (the given answer, whose challenge is then spent).
 */
export class ChallengeNeeded extends Error {
  constructor(
    readonly reason: 'required' | 'expired' | 'wrong',
    readonly spentChallengeId?: string,
  ) {
    super(`challenge ${reason}`);
  }
}
