/**
 * The one Drizzle schema: every module keeps its tables in its own `db.ts`, re-exported here so
 * drizzle-kit and the typed database handle see them all.
 */
export * from '../modules/aangifte/db.ts';
export * from '../modules/aftercare/db.ts';
export * from '../modules/audit/db.ts';
export * from '../modules/auth/db.ts';
export * from '../modules/cases/db.ts';
export * from '../modules/damages/db.ts';
export * from '../modules/handover/db.ts';
export * from '../modules/idempotency/db.ts';
export * from '../modules/incidents/db.ts';
export * from '../modules/mail/db.ts';
export * from '../modules/notifications/db.ts';
export * from '../modules/package/db.ts';
export * from '../modules/people/db.ts';
export * from '../modules/privacy/db.ts';
export * from '../modules/protection/db.ts';
export * from '../modules/rate-limit/db.ts';
export * from '../modules/sessions/db.ts';
export * from '../modules/sipa/db.ts';
export * from '../modules/support/db.ts';
export * from '../modules/training/db.ts';
export * from '../modules/woningscan/db.ts';
export * from '../modules/zelfscan/db.ts';
