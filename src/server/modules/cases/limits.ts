import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { Tx } from '../../db/index.ts';
import { AppError } from '../../lib/errors.ts';
import { cases } from './db.ts';
import type { CaseTypeDefinition } from './registry.ts';
import { DEFAULT_MAX_REQUESTS_PER_DAY } from './settings.ts';

const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * 429 `too_many_requests`: this person made the type's maximum of new requests in the last 24 hours.
 * The answer carries Retry-After (set by the cases plugin's onError hook) and, whatever the urgency,
 * the numbers to call: a limit must never stand between someone in danger and help.
 */
export class CaseRequestLimitError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      429,
      'too_many_requests',
      'Too Many Requests',
      `You have made many requests in a short time. You can make a new one in about ${Math.ceil(retryAfterSeconds / 60)} minutes. ` +
        `Acute danger? Call ${EMERGENCY_NUMBER}. The Ondersteuningsteam is reachable day and night on ${SUPPORT_TEAM_PHONE.display}.`,
    );
    this.name = 'CaseRequestLimitError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Refuses a new case when the requester already made the type's maximum in the last 24 hours. Runs
 * inside the creating transaction, under a per-person transaction lock, so two requests at the same
 * moment cannot both slip under the limit (on PostgreSQL; PGlite has one connection anyway).
 */
export async function enforceRequestLimit(
  tx: Tx,
  definition: CaseTypeDefinition,
  requesterId: string,
  now: Date,
): Promise<void> {
  const limit = definition.settings.maxRequestsPerDay ?? DEFAULT_MAX_REQUESTS_PER_DAY;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`case-requests:${requesterId}`}, 0))`);
  const recent = await tx
    .select({ createdAt: cases.createdAt })
    .from(cases)
    .where(
      and(
        eq(cases.requesterId, requesterId),
        eq(cases.type, definition.type),
        gt(cases.createdAt, new Date(now.getTime() - WINDOW_MS)),
      ),
    )
    .orderBy(asc(cases.createdAt));
  if (recent.length < limit) return;
  // A place frees up when enough of the requests in the window have left it.
  const freeing = recent[recent.length - limit]?.createdAt ?? now;
  const seconds = Math.max(1, Math.ceil((freeing.getTime() + WINDOW_MS - now.getTime()) / 1000));
  throw new CaseRequestLimitError(seconds);
}
