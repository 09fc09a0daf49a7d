import QRCode from 'qrcode';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { loadKeyRing } from '../../../platform/crypto/sm4.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { findUserById, saveTotpSecret } from '../auth.repository.ts';
import { type SecondFactorSession, sealTotpSecret } from '../second-factor.ts';
import { newTotpSecret, otpauthUri } from '../totp.ts';

/**
 * Starts setting up TOTP: a new random secret, stored encrypted and not yet in force, returned
 * once with its otpauth URI and QR code. For a session that owes enrolment, or a full session of
 * a user without TOTP (409 when TOTP is already on: switch it off first).
 */
export async function enrollSecondFactor(
  ctx: Ctx,
  session: SecondFactorSession,
): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
  const user = await findUserById(ctx.db, session.userId);
  if (!user) throw new AppError('unauthenticated');
  if (user.totp_enabled || session.owes === 'verify')
    throw new AppError('invalid_transition', '动态口令已启用；如需更换手机，请先关闭后重新设置。');
  const secret = newTotpSecret();
  await saveTotpSecret(ctx.db, user.id, sealTotpSecret(loadKeyRing(ctx.config), user.id, secret));
  await recordAudit(ctx, {
    action: 'auth.2fa_enroll',
    subjectType: 'user',
    subjectId: user.id,
    unitId: user.unit_id,
    actorId: user.id,
    actorName: user.name,
  });
  const uri = otpauthUri(user.username, secret);
  return { secret, otpauthUri: uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 240 }) };
}
