import { describe, expect, it } from 'vitest';
import { AUTH_PROBLEM_CODES } from '../auth.ts';
import { CONTENT_CHECK_FAILED, REVISION_CONFLICT } from '../package-admin.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_CATALOGUES,
  auditActionText,
  type Catalogue,
  isAuditAction,
  isProblemCode,
  PROBLEM_CATALOGUES,
  PROBLEMS,
  type ProblemCode,
} from './index.ts';

function entriesOf(catalogues: Record<string, Catalogue>) {
  return Object.entries(catalogues).flatMap(([module, catalogue]) =>
    Object.entries(catalogue).map(([key, text]) => ({ module, key, text })),
  );
}

for (const [kind, catalogues] of [
  ['audit actions', AUDIT_CATALOGUES],
  ['problem codes', PROBLEM_CATALOGUES],
] as const) {
  describe(`the catalogue of ${kind}`, () => {
    const entries = entriesOf(catalogues);

    it('has entries in every module file', () => {
      for (const [module, catalogue] of Object.entries(catalogues)) {
        expect(Object.keys(catalogue).length, module).toBeGreaterThan(0);
      }
    });

    it('gives every entry a Dutch and an English text, neither empty', () => {
      for (const { module, key, text } of entries) {
        expect(typeof text.nl === 'string' && text.nl.trim().length > 0, `${module}: ${key} needs nl`).toBe(true);
        expect(typeof text.en === 'string' && text.en.trim().length > 0, `${module}: ${key} needs en`).toBe(true);
        expect(text.nl, `${module}: ${key}`).toBe(text.nl.trim());
        expect(text.en, `${module}: ${key}`).toBe(text.en.trim());
      }
    });

    it('says it differently in Dutch and English, unless an entry says it is the same on purpose', () => {
      for (const { module, key, text } of entries) {
        if (text.sameInBoth) continue;
        expect(text.en, `${module}: ${key} has the same text in nl and en`).not.toBe(text.nl);
      }
    });

    it('has each key in one module file only', () => {
      const owner = new Map<string, string>();
      for (const { module, key } of entries) {
        expect(owner.get(key), `${key} is in ${owner.get(key)} and ${module}`).toBeUndefined();
        owner.set(key, module);
      }
    });
  });
}

describe('audit actions', () => {
  it('are named area.verb, and their texts follow the name of whoever did it ("… las uw berichten")', () => {
    for (const [action, text] of Object.entries(AUDIT_ACTIONS)) {
      expect(action).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(text.nl, action).toMatch(/^[a-zé]/);
      expect(text.en, action).toMatch(/^[a-z]/);
      expect(text.nl, action).not.toMatch(/\.$/);
    }
  });

  it('look up stored actions, and answer null for one that is no longer in use', () => {
    expect(auditActionText('case.messages_read')).toEqual({ nl: 'las uw berichten', en: 'read your messages' });
    expect(isAuditAction('person.viewed')).toBe(true);
    expect(isAuditAction('test.unknown')).toBe(false);
    expect(auditActionText('test.unknown')).toBeNull();
    expect(isAuditAction('toString')).toBe(false);
  });
});

describe('problem codes', () => {
  it('are snake_case, and their texts are whole sentences', () => {
    for (const [code, text] of Object.entries(PROBLEMS)) {
      expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
      expect(text.nl, code).toMatch(/^[A-Z].*[.?]$/);
      expect(text.en, code).toMatch(/^[A-Z].*[.?]$/);
    }
  });

  it('include every code the web app already knows by name', () => {
    const named: readonly ProblemCode[] = [...AUTH_PROBLEM_CODES, CONTENT_CHECK_FAILED, REVISION_CONFLICT];
    for (const code of named) expect(isProblemCode(code), code).toBe(true);
    expect(isProblemCode('constructor')).toBe(false);
  });
});
