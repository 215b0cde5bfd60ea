import { auditActionText } from '../../../shared/catalogue/index.ts';
import type { CatalogueText } from '../../../shared/catalogue/types.ts';
import type { DbOrTx } from '../../db/index.ts';

/** Looks up the text of an action a module knows (null when it does not). */
export type ActionTexts = (action: string) => CatalogueText | null;

/** A record an audit entry names: the module's record type and the record's id. */
export interface RecordRef {
  type: string;
  id: string;
}

/** How the owning module names a record to the person it is about: a reference they know, and its kind. */
export interface RecordName {
  /** A case: its reference, e.g. `K7QM-3XWD`. */
  reference: string;
  /** A case: its type, e.g. `support`, for the label. */
  kind: string | null;
}

/**
 * Names the records among `refs` that belong to the module (others are left out). Called with the
 * entries of one person's access log; the person is the subject of each entry, so a name they are
 * shown is one they know already (their own case's reference), never content.
 */
export type RecordNamer = (db: DbOrTx, refs: readonly RecordRef[]) => Promise<Map<string, RecordName>>;

export const recordKey = (ref: RecordRef) => `${ref.type}:${ref.id}`;

/**
 * The modules' record namers for "Wie heeft mijn gegevens ingezien?": the audit module knows no other
 * module's tables, so a module whose audit entries name a record (the cases: their reference) registers
 * how to name it, as the notifications' subjects are described.
 */
export class AccessLogRecords {
  readonly #namers: RecordNamer[] = [];
  readonly #texts: ActionTexts[] = [];

  /**
   * Texts of audit actions outside the typed catalogue: a case type may bring its own (its
   * `auditTexts`), registered after the catalogue was compiled.
   */
  textActions(texts: ActionTexts): void {
    this.#texts.push(texts);
  }

  /** The catalogue's text of an action, else one a module registered; null when none knows it. */
  textOf(action: string): CatalogueText | null {
    const text = auditActionText(action);
    if (text) return text;
    for (const lookup of this.#texts) {
      const own = lookup(action);
      if (own) return own;
    }
    return null;
  }

  nameRecords(namer: RecordNamer): void {
    this.#namers.push(namer);
  }

  async names(db: DbOrTx, refs: readonly RecordRef[]): Promise<Map<string, RecordName>> {
    const names = new Map<string, RecordName>();
    if (refs.length === 0) return names;
    for (const namer of this.#namers) {
      for (const [key, name] of await namer(db, refs)) names.set(key, name);
    }
    return names;
  }
}
