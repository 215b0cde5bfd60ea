import { describe, expect, it } from 'vitest';
import {
  type CaseTypeView,
  caseTypeTexts,
  caseTypeViews,
  granteeRoles,
  handlerRoles,
  loadRequesterParts,
  loadStaffParts,
  queueTypesOf,
  registerCaseTypeView,
  requesterPartsOf,
  requesterRoles,
  staffPartsOf,
  staffRoles,
} from './case-types.ts';

/** Two made-up types, as a type module would register them; the registry is this file's own. */
const Result = () => null;
const Work = () => null;
let requesterLoads = 0;
const visit: CaseTypeView = {
  type: 'test_visit',
  texts: { type: 'visit.type', status: 'visit.status', next: 'visit.next', outcome: 'visit.outcome' },
  staff: { handlers: ['ccv_advisor'], grantees: [] },
  request: {
    path: '/test-visit',
    roles: ['officeholder'],
    page: async () => () => null,
    nav: { label: 'visit.nav', placement: 'more' },
  },
  requesterPage: async () => {
    requesterLoads += 1;
    return { Result };
  },
  staffPage: async () => ({ Work }),
};
const chat: CaseTypeView = {
  type: 'test_chat',
  texts: { type: 'chat.type', status: 'chat.status', next: 'chat.next', outcome: 'chat.outcome' },
  staff: { handlers: ['confidant', 'ccv_advisor'], grantees: ['peer'] },
  request: {
    path: '/test-chat',
    roles: ['officeholder', 'relative'],
    page: async () => () => null,
    nav: { label: 'chat.nav', placement: 'main' },
  },
};
registerCaseTypeView(visit);
registerCaseTypeView(chat);

describe('the case-type view registry', () => {
  it('keeps the views in the order of registration, once each', () => {
    expect(caseTypeViews().map((view) => view.type)).toEqual(['test_visit', 'test_chat']);
    expect(() => registerCaseTypeView({ ...chat })).toThrow(/test_chat/);
    expect(caseTypeViews()).toHaveLength(2);
  });

  it('gives the core its roles from every type', () => {
    expect(requesterRoles()).toEqual(['officeholder', 'relative']);
    expect(handlerRoles()).toEqual(['ccv_advisor', 'confidant']);
    expect(granteeRoles()).toEqual(['peer']);
    expect(staffRoles()).toEqual(['ccv_advisor', 'confidant', 'peer']);
  });

  it('lists the queues a person works on', () => {
    const holding =
      (...held: string[]) =>
      (...roles: string[]) =>
        roles.some((role) => held.includes(role));
    expect(queueTypesOf(holding('ccv_advisor'))).toEqual(['test_visit', 'test_chat']);
    expect(queueTypesOf(holding('peer'))).toEqual(['test_chat']);
    expect(queueTypesOf(holding('officeholder'))).toEqual([]);
  });

  it('names a type in its own words, and one without a view in the shared catalogue', () => {
    expect(caseTypeTexts('test_visit').status).toBe('visit.status');
    expect(caseTypeTexts('unknown_type')).toEqual({
      type: 'cases.type.unknown_type',
      status: 'cases.status.unknown_type',
      next: 'cases.next.unknown_type',
      outcome: 'cases.outcome.unknown_type',
    });
  });

  it('has no parts of a page before that page loaded them, then the type’s own, once', async () => {
    expect(requesterPartsOf('test_visit')).toEqual({});
    await loadRequesterParts();
    await loadRequesterParts();
    expect(requesterPartsOf('test_visit').Result).toBe(Result);
    expect(requesterLoads).toBe(1);
    expect(requesterPartsOf('test_chat')).toEqual({});
    expect(staffPartsOf('test_visit')).toEqual({});
    await loadStaffParts();
    expect(staffPartsOf('test_visit').Work).toBe(Work);
    expect(staffPartsOf('unknown_type')).toEqual({});
  });
});
