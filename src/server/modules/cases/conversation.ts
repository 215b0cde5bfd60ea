import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../../lib/context.ts';
import { insertMessage, insertNote, messagesOf, notesOf } from './content-repository.ts';
import { caseAad } from './crypto.ts';
import type { CaseCore } from './facade.ts';
import { markCaseRead } from './repository.ts';

/** The conversation: messages between the requester and those helping, and staff-only notes. */

export function listMessages(core: CaseCore, ctx: ServiceContext, caseId: string) {
  return core.readCase(ctx, caseId, 'read_messages', async (c) => {
    const rows = await messagesOf(c.tx, caseId);
    if (c.actor) await markCaseRead(c.tx, caseId, c.actor.personId, c.now);
    await c.auditRead('case.messages_read', { count: rows.length });
    return rows.map(({ message, authorName }) => ({
      id: message.id,
      at: message.createdAt.toISOString(),
      authorId: message.authorId,
      authorName,
      fromRequester: message.fromRequester,
      body: core.keyring.decryptString(message.bodyEnvelope, caseAad.message(message.id)),
    }));
  });
}

/**
 * A message. Assigned staff writing it is the first response; the requester writing while the case
 * waits for them sets the case going again (and its clock).
 */
export function postMessage(core: CaseCore, ctx: ServiceContext, caseId: string, body: string) {
  return core.withCase(ctx, caseId, 'post_message', async (c) => {
    const authorId = c.actor?.personId ?? null;
    const fromRequester = c.relations.has('owner');
    const id = randomUUID();
    await insertMessage(c.tx, {
      id,
      caseId,
      authorId,
      fromRequester,
      bodyEnvelope: core.keyring.encrypt(body, caseAad.message(id)),
      createdAt: c.now,
    });
    // Writing is reading up to here.
    if (authorId) await markCaseRead(c.tx, caseId, authorId, c.now);
    if (c.relations.has('assigned')) await c.recordFirstResponse();
    const { definition } = c.state;
    const resumeTo =
      fromRequester && c.row.status === definition.pausedStatus
        ? definition.transitions.find((t) => t.via === 'requester_message' && t.from.includes(c.row.status))?.to
        : undefined;
    // The requester answering ends "waiting for you": the clock runs again.
    if (resumeTo) await c.transition({ to: resumeTo, via: 'requester_message', by: ['system'] });
    else await c.touch();
    await c.audit('case.message_posted');
    const assigned = c.state.assignees.map((a) => a.personId);
    const audience = fromRequester
      ? assigned
      : [
          ...(c.row.requesterId ? [c.row.requesterId] : []),
          ...assigned,
          ...c.state.grants
            .filter((g) => g.consentedAt && !g.revokedAt && (g.scopes as string[]).includes('messages'))
            .map((g) => g.personId),
        ];
    await c.notify(audience, 'case_message');
    return { id, at: c.now.toISOString() };
  });
}

export function listNotes(core: CaseCore, ctx: ServiceContext, caseId: string) {
  return core.readCase(ctx, caseId, 'read_notes', async (c) => {
    const rows = await notesOf(c.tx, caseId);
    await c.auditRead('case.notes_read', { count: rows.length });
    return rows.map(({ note, authorName }) => ({
      id: note.id,
      at: note.createdAt.toISOString(),
      authorId: note.authorId,
      authorName,
      body: core.keyring.decryptString(note.bodyEnvelope, caseAad.note(note.id)),
    }));
  });
}

/** Internal notes never count as a response and never reach the requester. */
export function postNote(core: CaseCore, ctx: ServiceContext, caseId: string, body: string) {
  return core.withCase(ctx, caseId, 'post_note', async (c) => {
    const id = randomUUID();
    await insertNote(c.tx, {
      id,
      caseId,
      authorId: c.actor?.personId ?? null,
      bodyEnvelope: core.keyring.encrypt(body, caseAad.note(id)),
      createdAt: c.now,
    });
    await c.audit('case.note_posted');
    return { id, at: c.now.toISOString() };
  });
}
