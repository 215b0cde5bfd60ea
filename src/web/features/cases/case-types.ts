import type { TFunction } from 'i18next';
import type { ComponentType, ReactNode } from 'react';
import type { CaseDetail, CaseType, QueueItem } from '../../../shared/cases.ts';
import type { Role } from '../../../shared/roles.ts';
import type { SignedInPerson } from '../../session/session.ts';

/**
 * The web's registry of case-type views, the counterpart of the server's case-type registry
 * (src/server/modules/cases/registry.ts). The case pages (this folder and ../staff) are the core: they
 * show what every case has and know no type. Each type registers a view from its own folder
 * (../support/case-type.ts, ../sipa/case-type.ts); src/web/case-types.ts, the one composition point,
 * registers them. ARCHITECTURE.md ("How a page plugs in") describes how.
 *
 * A view is light (it comes with the first load, for the menu and the routes); the type's parts of the
 * case pages load with those pages (`requesterPage`, `staffPage`), like the pages themselves.
 */
export interface CaseTypeView {
  /** The type's key, as the server registers it (`CaseDetail.type`). */
  type: CaseType;
  /** Where its words are in the message catalogues. */
  texts: CaseTypeTexts;
  /**
   * Staff roles of its work queue: `handlers` take, are assigned and coordinate its cases (the queue's
   * unassigned / mine / due soon / late views); `grantees` see what a requester shared with them (the
   * shared view).
   */
  staff: { handlers: readonly Role[]; grantees: readonly Role[] };
  /** Making a request of this type: its page, who may, its menu entry. Without it, no request page. */
  request?: CaseTypeRequest;
  /** What a queue row shows of the type (`typeSummary`), as text: routing facts, never content. */
  queueSummary?: (summary: QueueItem['typeSummary'], t: TFunction) => QueueRowSummary;
  /** The type's parts of the requester's case page (/mijn-zaken/:caseId), loaded with that page. */
  requesterPage?: () => Promise<RequesterCaseParts>;
  /** The type's parts of the staff case page (/werkbak/:caseId), loaded with that page. */
  staffPage?: () => Promise<StaffCaseParts>;
}

/** Catalogue keys (full key for `type`, prefixes for the rest): `${status}.${statusKey}`, … */
export interface CaseTypeTexts {
  /** The type's name: "Hulpvraag". */
  type: string;
  /** Its statuses; a key missing there falls back to `cases.status.any.<status>`. */
  status: string;
  /** What happens next (`CaseDetail.nextStep`). */
  next: string;
  /** Its outcomes; a key missing there falls back to `cases.outcome.any.<outcome>`. */
  outcome: string;
  /** Its own timeline events; a kind missing there falls back to `cases.timeline.kind.<kind>`. */
  timeline?: string;
}

export interface CaseTypeRequest {
  /** The page's path (src/shared/web-paths.ts, which the server also reads). */
  path: string;
  /** Who may make such a request (the page's gate; the server checks again). */
  roles: readonly Role[];
  /** The page's component, loaded when it is opened. */
  page: () => Promise<ComponentType>;
  /** The main menu entry. */
  nav: {
    /** Catalogue key of the entry's text. */
    label: string;
    /** `main`: the portal's main request, before "My cases"; `more`: after it. */
    placement: 'main' | 'more';
    /** Besides the roles: whom the entry is for (the page itself stays open to all `roles`). */
    shownTo?: (person: SignedInPerson) => boolean;
  };
  /** Catalogue key of a link to the request page on "My cases"; without it, no link there. */
  myCasesLink?: string;
}

/** A queue row's type facts: `notes` beside the reference, `facts` in the requester column. */
export interface QueueRowSummary {
  notes: string[];
  facts: string[];
}

/** What every type part of a case page gets: the case as GET /api/cases/:caseId answered it. */
export interface CasePartProps {
  detail: CaseDetail;
}
type CasePart = ComponentType<CasePartProps>;

/** The requester's case page, top to bottom; each part shows itself or nothing. */
export interface RequesterCaseParts {
  /** After the summary and the help numbers: what the type gives (advice, a report). */
  Result?: CasePart;
  /** Between the conversation and the files. */
  BeforeFiles?: CasePart;
  /** After the files, before closing: the type's own choices (who may see the case, shared results). */
  AfterFiles?: CasePart;
  /** At the end: what the requester told when asking. */
  Intake?: CasePart;
}

/** The staff case page: after the actions, a checkpoint; then the content, top to bottom. */
export interface StaffCaseParts {
  /**
   * What staff must settle before the case's content shows (SIPA: the conflict-of-interest check).
   * While `pending(detail)`, the page shows the panel and none of the content.
   */
  checkpoint?: { Panel: CasePart; pending: (detail: CaseDetail) => boolean };
  /** First of the content: what the requester told (and what they shared with it). */
  Intake?: CasePart;
  /** After the conversation, notes and files: the type's own work (its advice form, proposals). */
  Work?: CasePart;
  /**
   * The people this case may be assigned to, for the core's "assign" form (shown when the case
   * offers `assign`): renders `children` with the options once it has them, nothing before.
   */
  AssignOptions?: ComponentType<{ children: (options: { value: string; label: string }[]) => ReactNode }>;
}

const views = new Map<CaseType, CaseTypeView>();
const requesterParts = new Map<CaseType, RequesterCaseParts>();
const staffParts = new Map<CaseType, StaffCaseParts>();

/** Adds a type's view; at the composition point (src/web/case-types.ts), once per type. */
export function registerCaseTypeView(view: CaseTypeView): void {
  if (views.has(view.type)) throw new Error(`Case type view registered twice: ${view.type}`);
  views.set(view.type, view);
}

/** Every registered view, in the order of registration (the menu's and the queue's order). */
export function caseTypeViews(): CaseTypeView[] {
  return [...views.values()];
}

export function caseTypeView(type: CaseType): CaseTypeView | undefined {
  return views.get(type);
}

/** A type without a view (registered on the server only) still gets names, from the cases catalogue. */
export function caseTypeTexts(type: CaseType): CaseTypeTexts {
  return (
    views.get(type)?.texts ?? {
      type: `cases.type.${type}`,
      status: `cases.status.${type}`,
      next: `cases.next.${type}`,
      outcome: `cases.outcome.${type}`,
    }
  );
}

const union = (lists: (readonly Role[])[]): Role[] => [...new Set(lists.flat())];

/** Who may have cases of their own (My cases): whoever may make a request of some type. */
export function requesterRoles(): Role[] {
  return union(caseTypeViews().map((view) => view.request?.roles ?? []));
}

/** Staff who handle cases of some type (the queue's own views). */
export function handlerRoles(): Role[] {
  return union(caseTypeViews().map((view) => view.staff.handlers));
}

/** Staff a requester may let into their case of some type (the queue's shared view). */
export function granteeRoles(): Role[] {
  return union(caseTypeViews().map((view) => view.staff.grantees));
}

/** Everyone with a work queue. */
export function staffRoles(): Role[] {
  return union([handlerRoles(), granteeRoles()]);
}

/** The types whose queue this person works on (the queue's type tabs). */
export function queueTypesOf(hasRole: (...roles: Role[]) => boolean): CaseType[] {
  return caseTypeViews()
    .filter((view) => hasRole(...view.staff.handlers, ...view.staff.grantees))
    .map((view) => view.type);
}

async function loadParts<P>(
  store: Map<CaseType, P>,
  load: (view: CaseTypeView) => (() => Promise<P>) | undefined,
): Promise<void> {
  await Promise.all(
    caseTypeViews().map(async (view) => {
      const loader = load(view);
      if (!store.has(view.type) && loader) store.set(view.type, await loader());
    }),
  );
}

/** Loads every type's requester parts; the requester's case page route waits for it (as for its own code). */
export function loadRequesterParts(): Promise<void> {
  return loadParts(requesterParts, (view) => view.requesterPage);
}

/** Loads every type's staff parts; the staff case page route waits for it. */
export function loadStaffParts(): Promise<void> {
  return loadParts(staffParts, (view) => view.staffPage);
}

const NONE = Object.freeze({});

/** The type's parts of the requester's case page; none for a type without them. */
export function requesterPartsOf(type: CaseType): RequesterCaseParts {
  return requesterParts.get(type) ?? NONE;
}

/** The type's parts of the staff case page; none for a type without them. */
export function staffPartsOf(type: CaseType): StaffCaseParts {
  return staffParts.get(type) ?? NONE;
}
