import { inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { ImportEvent } from '../../../shared/handover.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import type { HandoverDeps } from './deps.ts';
import { checkImportFile, withTakenAddresses } from './import-check.ts';
import type { RegionIndex } from './regions.ts';
import { registerHandover } from './register.ts';

/**
 * Imports appointments from a CSV file, all or nothing:
 *
 * 1. Check every row (checkImportFile) and ask the database which addresses already have an account.
 *    Any problem: nothing is written, and the result lists every problem, row by row.
 * 2. Otherwise register every row in one unit of work (the same registerHandover as the form, without
 *    mailing the invitation: it comes with the printed package). If anything fails halfway (say an
 *    address was taken by someone else meanwhile), the transaction rolls back: nothing was imported.
 *    A rejected file is audited in a unit of its own (counts only).
 *
 * Progress goes to `emit` as it happens, so the page can show it. The transaction runs to its end even
 * when the browser stops listening; the list of handovers then shows the result.
 */
export async function runImport(
  deps: HandoverDeps & { regions: RegionIndex; log: FastifyBaseLogger },
  ctx: ServiceContext,
  file: Uint8Array,
  emit: (event: ImportEvent) => void,
): Promise<ImportEvent> {
  const finish = (event: ImportEvent) => {
    emit(event);
    return event;
  };
  let check = checkImportFile(file, {
    regions: deps.regions,
    onProgress: (done, total) => emit({ type: 'progress', phase: 'checking', done, total }),
  });
  if (check.emails.length > 0) {
    const taken = new Set<string>();
    const addresses = check.emails.map((entry) => entry.email);
    for (let start = 0; start < addresses.length; start += 500) {
      const rows = await deps.uow.db
        .select({ email: people.email })
        .from(people)
        .where(inArray(people.email, addresses.slice(start, start + 500)));
      for (const row of rows) taken.add(row.email);
    }
    check = withTakenAddresses(check, taken);
  }
  if (check.problems.length > 0) {
    await deps.uow.run(ctx, (w) =>
      recordAudit(w.tx, w, {
        action: 'handover.import_rejected',
        details: { rows: check.total, problems: check.problems.length },
      }),
    );
    return finish({ type: 'result', outcome: 'rejected', rows: check.total, problems: check.problems });
  }

  const rows = check.rows;
  try {
    await deps.uow.run(ctx, async (w) => {
      emit({ type: 'progress', phase: 'importing', done: 0, total: rows.length });
      for (const [index, row] of rows.entries()) {
        await registerHandover(w, deps, { ...row, source: 'import', sendInvitationMail: false });
        emit({ type: 'progress', phase: 'importing', done: index + 1, total: rows.length });
      }
      await recordAudit(w.tx, w, { action: 'handover.imported', details: { rows: rows.length } });
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'email_taken') {
      return finish({ type: 'result', outcome: 'failed', code: 'email_taken' });
    }
    deps.log.error({ err: error }, 'handover import failed; nothing was imported');
    return finish({ type: 'result', outcome: 'failed', code: 'import_failed' });
  }
  return finish({ type: 'result', outcome: 'imported', rows: rows.length, imported: rows.length });
}
