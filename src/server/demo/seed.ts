import { eq } from 'drizzle-orm';
import type { HandoverMethod } from '../../shared/handover.ts';
import type { Association, ExpertField, Office } from '../../shared/people.ts';
import type { Role } from '../../shared/roles.ts';
import type { Work } from '../lib/unit-of-work.ts';
import { recordAudit } from '../modules/audit/service.ts';
import type { HandoverDeps } from '../modules/handover/deps.ts';
import { people } from '../modules/people/db.ts';
import { applyRoleChanges, findPersonByEmail, insertInvitedPerson } from '../modules/people/repository.ts';
import { registerDemoAppointment } from './examples.ts';

/**
 * The demo's people: one active account per role, with Dutch names made up for the demo. Addresses
 * end in `.invalid`, so no mail could ever reach a real person (the demo sends none anyway).
 */
export interface DemoAccount {
  key: string;
  displayName: string;
  email: string;
  roles: Role[];
  /** What the sign-in list says about the account. */
  description: string;
  office?: Office;
  region?: string;
  association?: Association;
  expertField?: ExpertField;
  /** The `key` of the officeholder a relative belongs to. */
  relativeOf?: string;
  /**
   * Made the way a new office holder is: registered by the demo admin for the package handover (handover
   * module), the package handed over by that admin, the invitation accepted (examples.ts). Needs office
   * and region.
   */
  handover?: { installedDaysAgo: number; method: HandoverMethod };
}

const domain = 'weerbaar-demo.invalid';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    key: 'officeholder',
    displayName: 'Sanne de Vries',
    email: `sanne.devries@${domain}`,
    roles: ['officeholder'],
    office: 'wethouder',
    region: 'Zwolle',
    description: 'wethouder in Zwolle (ambtsdrager)',
  },
  {
    key: 'relative',
    displayName: 'Thomas de Vries',
    email: `thomas.devries@${domain}`,
    roles: ['relative'],
    relativeOf: 'officeholder',
    description: 'partner van Sanne de Vries (gezinslid)',
  },
  {
    key: 'burgemeester',
    displayName: 'Jan Bosman',
    email: `jan.bosman@${domain}`,
    roles: ['officeholder'],
    office: 'burgemeester',
    region: 'Waadhoeke',
    handover: { installedDaysAgo: 21, method: 'in_person' },
    description: 'burgemeester van Waadhoeke (ambtsdrager)',
  },
  {
    key: 'confidant-ngb',
    displayName: 'Marieke Jansen',
    email: `marieke.jansen@${domain}`,
    roles: ['confidant'],
    association: 'ngb',
    description: 'vertrouwenspersoon NGB',
  },
  {
    key: 'confidant-wethouders',
    displayName: 'Ahmed El Idrissi',
    email: `ahmed.elidrissi@${domain}`,
    roles: ['confidant'],
    association: 'wethoudersvereniging',
    description: 'vertrouwenspersoon Wethoudersvereniging',
  },
  {
    key: 'ot-coordinator',
    displayName: 'Joost van Dijk',
    email: `joost.vandijk@${domain}`,
    roles: ['ot_coordinator'],
    description: 'coördinator Ondersteuningsteam',
  },
  {
    key: 'peer',
    displayName: 'Ingrid Bakker',
    email: `ingrid.bakker@${domain}`,
    roles: ['peer'],
    description: 'ervaringsdeskundige (oud-burgemeester)',
  },
  {
    key: 'expert',
    displayName: 'Kees Visser',
    email: `kees.visser@${domain}`,
    roles: ['expert'],
    expertField: 'security',
    description: 'expert beveiliging',
  },
  {
    key: 'ccv-advisor',
    displayName: 'Fleur Smit',
    email: `fleur.smit@${domain}`,
    roles: ['ccv_advisor'],
    description: 'adviseur CCV (woningscan, veiligheidsgesprek)',
  },
  {
    key: 'training-coordinator',
    displayName: 'Ruud de Boer',
    email: `ruud.deboer@${domain}`,
    roles: ['training_coordinator'],
    description: 'trainingscoördinator',
  },
  {
    key: 'sipa-advisor',
    displayName: 'Esther Mulder',
    email: `esther.mulder@${domain}`,
    roles: ['sipa_advisor'],
    description: 'adviseur SIPA',
  },
  {
    key: 'admin',
    displayName: 'Bram Hendriks',
    email: `bram.hendriks@${domain}`,
    roles: ['admin'],
    description: 'beheerder',
  },
];

export interface SeededAccount extends DemoAccount {
  personId: string;
}

/**
 * Creates the demo accounts that are missing, active and without sign-in methods (the demo signs in by
 * link), and puts back what a previous demo session changed (status, roles, link). Running it again
 * changes nothing and audits nothing. An account with `handover` is made through the handover module
 * instead, by the demo admin (so the admin is made first); the list comes back in DEMO_ACCOUNTS' order.
 */
export async function seedDemoAccounts(
  w: Work,
  deps: Pick<HandoverDeps, 'config' | 'keyring'>,
): Promise<SeededAccount[]> {
  const { tx } = w;
  const byKey = new Map<string, string>();
  const creationOrder = [
    ...DEMO_ACCOUNTS.filter((account) => !account.handover),
    ...DEMO_ACCOUNTS.filter((account) => account.handover),
  ];
  for (const account of creationOrder) {
    const linkedOfficeholderId = account.relativeOf ? (byKey.get(account.relativeOf) ?? null) : null;
    const profile = {
      displayName: account.displayName,
      office: account.office ?? null,
      region: account.region ?? null,
      association: account.association ?? null,
      expertField: account.expertField ?? null,
      linkedOfficeholderId,
    };
    const existing = await findPersonByEmail(tx, account.email);
    let personId: string;
    if (!existing && account.handover) {
      const admin = DEMO_ACCOUNTS.find((other) => other.roles.includes('admin'));
      const adminId = admin ? byKey.get(admin.key) : undefined;
      if (!admin || !adminId) throw new Error('The demo needs its admin before a handover.');
      personId = await registerDemoAppointment(w, deps, account, {
        personId: adminId,
        displayName: admin.displayName,
      });
    } else if (!existing) {
      const person = await insertInvitedPerson(tx, { ...profile, email: account.email, roles: account.roles }, null);
      await tx.update(people).set({ status: 'active', activatedAt: new Date() }).where(eq(people.id, person.id));
      await recordAudit(tx, w, {
        action: 'person.seeded',
        subjectPersonId: person.id,
        recordType: 'person',
        recordId: person.id,
        details: { roles: account.roles.join(','), via: 'demo' },
      });
      personId = person.id;
    } else {
      personId = existing.id;
      const added = account.roles.filter((role) => !existing.roles.includes(role));
      const removed = existing.roles.filter((role) => !account.roles.includes(role));
      const drifted =
        existing.status !== 'active' ||
        added.length > 0 ||
        removed.length > 0 ||
        (Object.keys(profile) as (keyof typeof profile)[]).some((field) => existing[field] !== profile[field]);
      if (drifted) {
        await tx
          .update(people)
          .set({ ...profile, status: 'active', deactivatedAt: null, activatedAt: existing.activatedAt ?? new Date() })
          .where(eq(people.id, existing.id));
        await applyRoleChanges(tx, existing.id, { added, removed }, null);
        await recordAudit(tx, w, {
          action: 'person.seeded',
          subjectPersonId: existing.id,
          recordType: 'person',
          recordId: existing.id,
          details: { roles: account.roles.join(','), via: 'demo', restored: true },
        });
      }
    }
    byKey.set(account.key, personId);
  }
  return DEMO_ACCOUNTS.map((account) => ({ ...account, personId: byKey.get(account.key) ?? '' }));
}
