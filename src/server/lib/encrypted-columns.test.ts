import { pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { EncryptedColumnRegistry } from './encrypted-columns.ts';

const notes = pgTable('notes', { id: text('id').primaryKey(), bodyEnvelope: text('body_envelope') });
const body = { name: 'notes.body_envelope', table: notes, column: notes.bodyEnvelope, primaryKey: notes.id };

describe('EncryptedColumnRegistry', () => {
  it('keeps what modules register, in order, with its owner', () => {
    const registry = new EncryptedColumnRegistry().register('notes', [body]);
    expect(registry.all()).toEqual([body]);
    expect(registry.ownerOf('notes.body_envelope')).toBe('notes');
    expect(registry.ownerOf('other.column')).toBeUndefined();
  });

  it('refuses a column registered twice (two modules claiming one column is a composition mistake)', () => {
    const registry = new EncryptedColumnRegistry().register('notes', [body]);
    expect(() => registry.register('other', [body])).toThrow(
      'notes.body_envelope is registered by notes and again by other',
    );
  });
});
