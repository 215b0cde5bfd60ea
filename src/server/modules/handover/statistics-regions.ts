import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { OFFICE_REGION_KIND } from '../../../shared/handover.ts';
import type { Office } from '../../../shared/people.ts';
import { parseCsv } from './csv.ts';
import { loadRegionIndex, type RegionIndex } from './regions.ts';

/**
 * What statistics may keep of where an office is held, so that a kept row does not point to one person.
 *
 * - After erasure (a case's tombstone): an office with one holder per municipality (burgemeester) keeps
 *   the province, not the municipality: "burgemeester / Waadhoeke" is one person, "burgemeester /
 *   Fryslân" is one of twelve or more. The King's Commissioner (one per province) keeps no region at all.
 *   Offices with several holders per region (wethouder, raadslid, Statenlid, gedeputeerde, water board
 *   members) keep it.
 * - The person a colleague's concern is about: their region is kept in full only in the encrypted
 *   record of the person concerned; the plain column (routing, the coordinator's queue, statistics)
 *   holds the province, or nothing for a water board, a one-holder province office or a name not in
 *   the reference lists (free text is never kept in plain).
 */
export interface StatisticsRegions {
  afterErasure(office: string | null, region: string | null): string | null;
  ofPersonConcerned(office: string | null, region: string | null): string | null;
}

/** Offices held by one person per region, and what their kept region becomes. */
const ONE_HOLDER: Partial<Record<Office, 'province' | 'none'>> = {
  burgemeester: 'province',
  commissaris_van_de_koning: 'none',
};

const REFERENCE = fileURLToPath(new URL('./reference/gemeenten.csv', import.meta.url));

export function buildStatisticsRegions(index: RegionIndex, provinceOfMunicipality: Map<string, string>) {
  const province = (region: string): string | null => {
    const municipality = index.match('gemeente', region);
    if (municipality.ok) return provinceOfMunicipality.get(municipality.name) ?? null;
    const named = index.match('provincie', region);
    return named.ok ? named.name : null;
  };
  const kindOf = (office: string | null) =>
    office && Object.hasOwn(OFFICE_REGION_KIND, office) ? OFFICE_REGION_KIND[office as Office] : null;
  return {
    afterErasure(office: string | null, region: string | null): string | null {
      if (!region) return null;
      const rule = office ? ONE_HOLDER[office as Office] : undefined;
      if (rule === 'none') return null;
      if (rule === 'province') return province(region);
      return region;
    },
    ofPersonConcerned(office: string | null, region: string | null): string | null {
      if (!region || (office && ONE_HOLDER[office as Office] === 'none')) return null;
      if (kindOf(office) === 'waterschap') return null;
      return province(region);
    },
  } satisfies StatisticsRegions;
}

let loaded: Promise<StatisticsRegions> | null = null;

/** Read once per process from the reference lists (CBS municipalities with their province). */
export function loadStatisticsRegions(): Promise<StatisticsRegions> {
  loaded ??= (async () => {
    const parsed = parseCsv(await readFile(REFERENCE, 'utf8'), ',');
    if (!parsed.ok) throw new Error('reference/gemeenten.csv is not valid CSV');
    const [header, ...rows] = parsed.records;
    const name = header?.cells.indexOf('name') ?? -1;
    const provinceName = header?.cells.indexOf('province_name') ?? -1;
    if (name < 0 || provinceName < 0) throw new Error('reference/gemeenten.csv lacks name or province_name');
    const provinces = new Map<string, string>();
    for (const row of rows) {
      const municipality = row.cells[name]?.trim();
      const inProvince = row.cells[provinceName]?.trim();
      if (municipality && inProvince) provinces.set(municipality, inProvince);
    }
    return buildStatisticsRegions(await loadRegionIndex(), provinces);
  })();
  return loaded;
}
