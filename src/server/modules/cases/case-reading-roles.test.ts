import { describe, expect, it } from 'vitest';
import { visitCaseType } from '../../../../test/integration/case-type-plugin/visit-type.ts';
import { CASE_READING_ROLES, isCaseReadingRole, ROLES, rolesConflict } from '../../../shared/roles.ts';
import { sipaCaseType } from '../sipa/type.ts';
import { supportCaseType } from '../support/type.ts';
import { type CaseTypeDefinition, CaseTypeRegistry } from './registry.ts';

/**
 * Separation of duties rests on one set (CASE_READING_ROLES, src/shared/roles.ts): every role a case
 * type lets see a case is in it, and no admin holds one of them.
 */
describe('the roles that read cases', () => {
  const types = [supportCaseType, sipaCaseType, visitCaseType] as unknown as CaseTypeDefinition[];
  const declared = new Set(
    types.flatMap((type) => [...type.coordinatorRoles, ...type.assignableRoles, ...type.grantableRoles]),
  );

  it('are exactly what the case types declare', () => {
    expect([...declared].sort()).toEqual([...CASE_READING_ROLES].sort());
    expect(ROLES.filter(isCaseReadingRole)).toEqual(
      [...CASE_READING_ROLES].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
    );
  });

  it('never go together with admin', () => {
    for (const role of ROLES) {
      expect(rolesConflict(['admin', role]), role).toBe(isCaseReadingRole(role));
      expect(rolesConflict([role]), role).toBe(false);
    }
  });

  it('bound what a type may declare: the registry refuses a type that lets another role see its cases', () => {
    for (const field of ['coordinatorRoles', 'assignableRoles', 'grantableRoles'] as const) {
      for (const role of ['admin', 'training_coordinator', 'officeholder']) {
        const registry = new CaseTypeRegistry();
        const definition = { ...supportCaseType, type: `leaky_${field.toLowerCase()}`, [field]: [role] };
        expect(() => registry.register(definition as unknown as CaseTypeDefinition), `${field}: ${role}`).toThrow(
          /not in CASE_READING_ROLES/,
        );
      }
    }
  });
});
