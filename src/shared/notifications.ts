import { z } from 'zod';

/**
 * In-app notifications (GET /api/me/notifications, POST /api/me/notifications/read). A notification is a
 * kind and, usually, a subject: the record it is about, named by its module's record type and id (a case,
 * later a training session, an aftercare check-in, a damage-claim deadline). Never content: the module
 * that owns the subject describes it for the reader (a reference, its own kind, which page shows it).
 *
 * Kinds are keys the notifying module declares (cases: CASE_NOTIFICATION_KINDS in cases.ts); the web app
 * translates them (`notifications.kinds.<kind>`).
 */

const key = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/);

/** What a notification is about: a module's record type (e.g. `case`) and the record's id. */
export const notificationSubjectSchema = z.strictObject({ type: key, id: z.uuid() });
export type NotificationSubjectRef = z.infer<typeof notificationSubjectSchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  kind: z.string(),
  /** The record it is about, as far as its module lets this reader know; null for general news. */
  subject: z
    .object({
      type: z.string(),
      id: z.uuid(),
      /** A reference to show (a case: `K7QM-3XWD`); null when there is none (any more). */
      reference: z.string().nullable(),
      /** The subject's own kind (a case: its type, e.g. `support`), for the label. */
      subtype: z.string().nullable(),
      /** Which page shows it to this reader (a case: `requester` for their own, `staff` otherwise). */
      view: z.string().nullable(),
    })
    .nullable(),
  readAt: z.iso.datetime().nullable(),
});
export type AppNotification = z.infer<typeof notificationSchema>;

export const notificationsResponseSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z.number().int().min(0),
});

/** All of mine, the given ones, or those about one subject (opening a case reads its news). */
export const markNotificationsReadSchema = z.strictObject({
  ids: z.array(z.uuid()).max(500).optional(),
  subject: notificationSubjectSchema.optional(),
});
export type MarkNotificationsRead = z.infer<typeof markNotificationsReadSchema>;

export const notificationsOkSchema = z.object({ ok: z.literal(true) });
