import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { HOUR_MS } from '../portal/portal.policy.ts';
import { type RateKind, recordRateEvent } from '../portal/portal.rate-limit.ts';
import { countRateEvents, oldestRateEventSince } from '../portal/portal.repository.ts';

// The per-address limit of public bookings, counted with the portal's abuse controls (hashed
// address rows in portal_rate_events, purged after a day) under a kind of its own.

/** Public booking requests one address may make within an hour (api-contract: abuse controls). */
export const APPOINTMENTS_PER_HOUR = 5;

/** The portal's rate kinds do not list bookings yet; the rows are counted under this kind. */
const APPOINTMENT_KIND: RateKind = 'appointment';

/**
 * Counts a public booking request of an address in its own transaction (so refused bookings count
 * too); 429 rate_limited with details.retryAfterSeconds once 5 were made within the last hour.
 */
export async function countAppointmentRequest(db: Db, clock: Clock, ipHash: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = clock.now().getTime();
    const since = new Date(now - HOUR_MS).toISOString();
    if ((await countRateEvents(trx, ipHash, APPOINTMENT_KIND, since)) >= APPOINTMENTS_PER_HOUR) {
      const oldest = await oldestRateEventSince(trx, ipHash, APPOINTMENT_KIND, since);
      const freeAt = oldest ? Date.parse(oldest) + HOUR_MS : now + HOUR_MS;
      throw new AppError(
        'rate_limited',
        `同一网络地址每小时最多预约${APPOINTMENTS_PER_HOUR}次，请稍后再试，或拨打接访电话预约。`,
        { retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) },
      );
    }
    await recordRateEvent(trx, clock, ipHash, APPOINTMENT_KIND);
  });
}
