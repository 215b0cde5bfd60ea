import type { Readable } from 'node:stream';
import type { DbOrTx } from '../db/index.ts';
import type { Keyring } from './crypto/index.ts';
import type { Work } from './unit-of-work.ts';

/**
 * The registry of personal data: what every module holds about a person, and what happens to it. Each
 * module describes its own tables next to its code (`modules/<module>/personal-data.ts`) and the
 * composition point (`src/server/personal-data.ts`) registers them all; this file knows no module.
 *
 * - **sources** export the person's rows (AVG art. 15 and 20): plain JSON records and, where a module
 *   keeps files, files that are streamed into the archive one at a time, never buffered whole;
 * - **exclusions** name a table that references a person but is deliberately not exported, with the reason;
 * - **erasure** steps run when the person deletes their account, in the one unit of work, before the
 *   person's row goes (what must be closed is closed; what must stay becomes a tombstone);
 * - **retention** rules say how long each category is kept; the privacy module's job enforces those with a
 *   `sweep`, and the README's table lists them all.
 *
 * A test (personal-data coverage) fails when a table with a person reference is neither exported by a
 * source nor excluded with a reason.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonRecord = { [key: string]: JsonValue };

export interface ExportedFile {
  /** Relative path inside the source's folder of the archive (`/`-separated, no `..`). */
  path: string;
  size: number;
  /** SHA-256 (hex) of the exact bytes, as recorded when they were received. */
  sha256: string;
  crc32: number;
  modifiedAt: Date;
  /** Opened only when it is the file's turn in the archive. */
  open: () => Readable | Promise<Readable>;
}

export interface ExportedSection {
  records: JsonRecord[];
  files?: ExportedFile[];
}

export interface ExportInput {
  db: DbOrTx;
  personId: string;
  keyring: Keyring;
  now: Date;
}

export interface PersonalDataSource {
  /** The section's key in the export (`incidents`, `sessions`), unique across modules. */
  key: string;
  /** The tables whose rows about the person this source exports. */
  tables: readonly string[];
  export(input: ExportInput): Promise<ExportedSection>;
}

export interface PersonalDataExclusion {
  table: string;
  /** Why the person's rows of this table are not in the export (checked to be a real sentence). */
  reason: string;
}

/** A tombstone an erasure step leaves behind: no content, no name; a hash and dates at most. */
export interface ErasureTombstone {
  kind: string;
  sha256?: string | null;
  size?: number | null;
  createdAt?: Date | null;
}

export interface ErasureOutcome {
  /** Counts for the audit entry (how many cases closed, files removed, …). */
  counts?: Record<string, number>;
  tombstones?: ErasureTombstone[];
}

export interface AccountErasureStep {
  name: string;
  /** Runs inside the account deletion's unit of work, before the person's row is removed. */
  run(w: Work, personId: string): Promise<ErasureOutcome | undefined>;
}

export interface RetentionRule {
  /** A short key, unique: `sessions`, `mail_outbox`, `notifications_read`, … */
  category: string;
  /** The tables the rule applies to. */
  tables: readonly string[];
  /** Days kept after `startsAt`; null: kept until the person deletes it or their account. */
  keepDays: number | null;
  /** From which moment the days count, in plain words (English; for the README table). */
  startsAt: string;
  /** Why this term. */
  reason: string;
  /**
   * Removes what is past its term, in a unit of work of its own (`w.tx`, `w.now`; audit where the
   * removal is itself an event); returns how many rows. Absent: see `enforcedBy`.
   */
  sweep?: (w: Work) => Promise<number>;
  /** Without a sweep: which job or action enforces it (`cases.retention`, `the owner`). */
  enforcedBy?: string;
}

export interface PersonalDataContribution {
  sources?: readonly PersonalDataSource[];
  exclusions?: readonly PersonalDataExclusion[];
  erasure?: readonly AccountErasureStep[];
  retention?: readonly RetentionRule[];
}

export interface TableCoverage {
  owner: string;
  kind: 'source' | 'exclusion';
  key: string;
}

export class PersonalDataRegistry {
  readonly #sources: { owner: string; source: PersonalDataSource }[] = [];
  readonly #exclusions: { owner: string; exclusion: PersonalDataExclusion }[] = [];
  readonly #erasure: { owner: string; step: AccountErasureStep }[] = [];
  readonly #retention: { owner: string; rule: RetentionRule }[] = [];

  /** Adds a module's contribution; a key or category registered twice is a composition mistake and throws. */
  register(owner: string, contribution: PersonalDataContribution): this {
    for (const source of contribution.sources ?? []) {
      const earlier = this.#sources.find((entry) => entry.source.key === source.key);
      if (earlier) throw new Error(`Export section ${source.key} is registered by ${earlier.owner} and ${owner}`);
      this.#sources.push({ owner, source });
    }
    for (const exclusion of contribution.exclusions ?? []) this.#exclusions.push({ owner, exclusion });
    for (const step of contribution.erasure ?? []) this.#erasure.push({ owner, step });
    for (const rule of contribution.retention ?? []) {
      const earlier = this.#retention.find((entry) => entry.rule.category === rule.category);
      if (earlier) throw new Error(`Retention ${rule.category} is registered by ${earlier.owner} and ${owner}`);
      this.#retention.push({ owner, rule });
    }
    return this;
  }

  sources(): readonly PersonalDataSource[] {
    return this.#sources.map((entry) => entry.source);
  }

  exclusions(): readonly PersonalDataExclusion[] {
    return this.#exclusions.map((entry) => entry.exclusion);
  }

  erasureSteps(): readonly AccountErasureStep[] {
    return this.#erasure.map((entry) => entry.step);
  }

  retentionRules(): readonly RetentionRule[] {
    return this.#retention.map((entry) => entry.rule);
  }

  /** Who covers a table (by its SQL name), through an export source or an exclusion. */
  coverageOf(table: string): TableCoverage[] {
    return [
      ...this.#sources
        .filter((entry) => entry.source.tables.includes(table))
        .map((entry) => ({ owner: entry.owner, kind: 'source' as const, key: entry.source.key })),
      ...this.#exclusions
        .filter((entry) => entry.exclusion.table === table)
        .map((entry) => ({ owner: entry.owner, kind: 'exclusion' as const, key: entry.exclusion.reason })),
    ];
  }
}

/** A Date as ISO text, or null: the export's one date format. */
export function isoOrNull(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}
