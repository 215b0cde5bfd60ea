import { z } from 'zod';

/**
 * The building blocks of the case API that its parts share (src/shared/cases.ts re-exports them): keys
 * declared by case types, urgency and the case reference.
 */

/**
 * A key declared by a case type: the type itself, a status, an outcome, an action, a timeline event.
 * Lower case, digits and underscores; the web app translates them.
 */
export const caseKeySchema = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, 'a key: lower-case letters, digits and underscores');

/** A case type's key (`support`, `sipa`, …): each type module registers one. */
export type CaseType = string;
export const caseTypeSchema = caseKeySchema;

export const URGENCIES = ['urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const urgencySchema = z.enum(URGENCIES);

/** Human reference: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), e.g. `K7QM-3XWD`. */
export const CASE_REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const caseReferenceSchema = z.string().regex(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
