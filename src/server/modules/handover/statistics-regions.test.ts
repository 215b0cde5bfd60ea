import { describe, expect, it } from 'vitest';
import { loadStatisticsRegions } from './statistics-regions.ts';

describe('what statistics keep of where an office is held', async () => {
  const regions = await loadStatisticsRegions();

  it('after erasure: the province for an office with one holder per municipality, nothing for one per province', () => {
    expect(regions.afterErasure('burgemeester', 'Waadhoeke')).toBe('Fryslân');
    expect(regions.afterErasure('burgemeester', 'Den Haag')).toBe('Zuid-Holland');
    expect(regions.afterErasure('commissaris_van_de_koning', 'Utrecht')).toBeNull();
    // Several holders per municipality or province: the region says who no more than the office does.
    expect(regions.afterErasure('wethouder', 'Waadhoeke')).toBe('Waadhoeke');
    expect(regions.afterErasure('statenlid', 'Fryslân')).toBe('Fryslân');
    // A burgemeester's region that is not in the lists is not kept in full.
    expect(regions.afterErasure('burgemeester', 'Ergens')).toBeNull();
    expect(regions.afterErasure(null, null)).toBeNull();
  });

  it('of a person concerned: never the municipality, and never free text', () => {
    expect(regions.ofPersonConcerned('wethouder', 'Zwolle')).toBe('Overijssel');
    expect(regions.ofPersonConcerned('raadslid', 'gemeente Hengelo')).toBe('Overijssel');
    expect(regions.ofPersonConcerned('gedeputeerde', 'Friesland')).toBe('Fryslân');
    expect(regions.ofPersonConcerned('commissaris_van_de_koning', 'Fryslân')).toBeNull();
    expect(regions.ofPersonConcerned('waterschapsbestuurder', 'Wetterskip Fryslân')).toBeNull();
    expect(regions.ofPersonConcerned(null, 'bij ons in het dorp')).toBeNull();
    expect(regions.ofPersonConcerned('wethouder', null)).toBeNull();
  });
});
