import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppNotification, MarkNotificationsRead } from '../../../shared/notifications.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { notFound } from '../../lib/errors.ts';
import type { UnitOfWork, Work } from '../../lib/unit-of-work.ts';
import { queueMails } from '../mail/service.ts';
import type { MailAttachment } from '../mail/transport.ts';
import { people } from '../people/db.ts';
import { notifications } from './db.ts';
import { noticeMail } from './mail.ts';

/** What a notification is about: the owning module's record type (`case`, …) and the record's id. */
export interface NotificationSubject {
  type: string;
  id: string;
}

/** How the owning module describes its records to one reader (never content). */
export interface SubjectDescription {
  reference: string | null;
  subtype: string | null;
  view: string | null;
}

/**
 * A module that notifies about its records describes them for the list: for these ids (all of the
 * reader's notifications of that subject type), what the reader may be told. Ids it leaves out are
 * shown without a description.
 */
export type SubjectDescriber = (
  db: DbOrTx,
  readerId: string,
  ids: readonly string[],
) => Promise<Map<string, SubjectDescription>>;

/** What notifying needs of the unit of work it runs in: its transaction, and mail after the commit. */
export type NotifyWork = Pick<Work, 'tx' | 'deliverMail'>;

export interface NotificationDeps {
  uow: UnitOfWork;
  keyring: Keyring;
  publicUrl: string;
}

const LIST_LIMIT = 100;

/**
 * In-app notifications and their content-free notice mails, for any module: cases today; training
 * sessions, aftercare check-ins and damage-claim deadlines later. Notifying happens inside the caller's
 * unit of work, so a notification exists only if the change that caused it commits.
 */
export class NotificationService {
  readonly #describers = new Map<string, SubjectDescriber>();

  private readonly deps: NotificationDeps;

  constructor(deps: NotificationDeps) {
    this.deps = deps;
  }

  /** Registers how a module's records are described in the list (once per subject type). */
  describeSubjects(type: string, describer: SubjectDescriber): void {
    if (this.#describers.has(type)) throw new Error(`Notification subjects of type ${type} are described twice`);
    this.#describers.set(type, describer);
  }

  /**
   * Notifies these people (deactivated ones get nothing; duplicates count once) and queues the notice
   * mail; the mail goes out after the commit. The caller leaves out the person who acted: nobody is
   * notified about their own action. `attachments` go with every recipient's notice (a calendar
   * invitation: notify one person at a time when each gets their own).
   */
  async notify(
    w: NotifyWork,
    personIds: readonly string[],
    kind: string,
    subject: NotificationSubject | null,
    options: { mail?: boolean; attachments?: readonly MailAttachment[] } = {},
  ): Promise<void> {
    const unique = [...new Set(personIds)];
    if (unique.length === 0) return;
    const recipients = await w.tx
      .select({ id: people.id, email: people.email, status: people.status })
      .from(people)
      .where(inArray(people.id, unique));
    const active = recipients.filter((person) => person.status === 'active');
    if (active.length === 0) return;
    await w.tx.insert(notifications).values(
      active.map((person) => ({
        personId: person.id,
        kind,
        subjectType: subject?.type ?? null,
        subjectId: subject?.id ?? null,
      })),
    );
    if (options.mail === false) return;
    const mail = noticeMail(this.deps.publicUrl);
    await queueMails(
      w.tx,
      this.deps.keyring,
      active.map((person) => ({
        to: person.email,
        subject: mail.subject,
        text: mail.text,
        kind: 'notice' as const,
        ...(options.attachments?.length ? { attachments: options.attachments } : {}),
      })),
    );
    w.deliverMail();
  }

  /** The caller's own notifications, newest first, each subject described by its module. */
  async list(ctx: ServiceContext): Promise<{ notifications: AppNotification[]; unread: number }> {
    const reader = ctx.actor;
    if (!reader) throw notFound();
    const db = this.deps.uow.db;
    const rows = await db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, reader.personId))
      .orderBy(desc(notifications.createdAt))
      .limit(LIST_LIMIT);
    const [unread] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.personId, reader.personId), isNull(notifications.readAt)));
    const descriptions = new Map<string, SubjectDescription>();
    const idsByType = new Map<string, string[]>();
    for (const row of rows) {
      if (!row.subjectType || !row.subjectId) continue;
      idsByType.set(row.subjectType, [...(idsByType.get(row.subjectType) ?? []), row.subjectId]);
    }
    for (const [type, ids] of idsByType) {
      const describer = this.#describers.get(type);
      if (!describer) continue;
      for (const [id, description] of await describer(db, reader.personId, [...new Set(ids)])) {
        descriptions.set(`${type}:${id}`, description);
      }
    }
    return {
      notifications: rows.map((row) => ({
        id: row.id,
        at: row.createdAt.toISOString(),
        kind: row.kind,
        subject:
          row.subjectType && row.subjectId
            ? {
                type: row.subjectType,
                id: row.subjectId,
                ...(descriptions.get(`${row.subjectType}:${row.subjectId}`) ?? {
                  reference: null,
                  subtype: null,
                  view: null,
                }),
              }
            : null,
        readAt: row.readAt ? row.readAt.toISOString() : null,
      })),
      unread: unread?.n ?? 0,
    };
  }

  /**
   * Marks the caller's own notifications read: all, the given ones, or those about one subject (both
   * given: those of the ids that are about the subject). Others' ids and subjects are simply not matched.
   */
  async markRead(ctx: ServiceContext, which: MarkNotificationsRead = {}): Promise<void> {
    const reader = ctx.actor;
    if (!reader) throw notFound();
    await this.deps.uow.run(ctx, async (w) => {
      await w.tx
        .update(notifications)
        .set({ readAt: w.now })
        .where(
          and(
            eq(notifications.personId, reader.personId),
            isNull(notifications.readAt),
            which.ids ? inArray(notifications.id, [...which.ids]) : undefined,
            which.subject ? eq(notifications.subjectType, which.subject.type) : undefined,
            which.subject ? eq(notifications.subjectId, which.subject.id) : undefined,
          ),
        );
    });
  }

  /** Removes every notification about a record (its module destroys the record's content). */
  async forget(tx: Tx, subject: NotificationSubject): Promise<void> {
    await tx
      .delete(notifications)
      .where(and(eq(notifications.subjectType, subject.type), eq(notifications.subjectId, subject.id)));
  }
}
