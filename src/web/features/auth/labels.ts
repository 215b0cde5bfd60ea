import type { TFunction } from 'i18next';
import type { Role } from '../../../shared/roles.ts';

/** Roles in words, in the reader's language: "vertrouwenspersoon, beheerder". */
export function rolesInWords(t: TFunction, roles: readonly string[]): string {
  return roles.map((role) => t(`identity.roles.${role}`, { defaultValue: role })).join(', ');
}

export function roleInWords(t: TFunction, role: Role | string): string {
  return t(`identity.roles.${role}`, { defaultValue: role });
}
