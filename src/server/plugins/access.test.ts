import { describe, expect, it } from 'vitest';
import { isAllowed } from './access.ts';

const officeholder = { personId: 'p1', roles: ['officeholder'] as const };
const admin = { personId: 'p2', roles: ['admin'] as const };

describe('isAllowed', () => {
  it('denies a route that declares nothing, whoever calls', () => {
    expect(isAllowed(undefined, null)).toBe('forbidden');
    expect(isAllowed(undefined, admin)).toBe('forbidden');
  });

  it('lets anyone through a public route', () => {
    expect(isAllowed('public', null)).toBe('ok');
  });

  it('asks for sign-in on signed-in and role routes', () => {
    expect(isAllowed('signedIn', null)).toBe('unauthenticated');
    expect(isAllowed({ roles: ['admin'] }, null)).toBe('unauthenticated');
    expect(isAllowed('signedIn', officeholder)).toBe('ok');
  });

  it('requires one of the listed roles', () => {
    expect(isAllowed({ roles: ['admin'] }, admin)).toBe('ok');
    expect(isAllowed({ roles: ['admin'] }, officeholder)).toBe('forbidden');
    expect(isAllowed({ roles: ['confidant', 'officeholder'] }, officeholder)).toBe('ok');
    expect(isAllowed({ roles: [] }, admin)).toBe('forbidden');
  });
});
