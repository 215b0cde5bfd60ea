import { describe, expect, it } from 'vitest';
import { buildRegionIndex, loadRegionIndex, regionKey } from './regions.ts';

describe('the reference lists', () => {
  it('has 342 municipalities, 12 provinces and 21 water boards', async () => {
    const { lists } = await loadRegionIndex();
    expect(lists.gemeente).toHaveLength(342);
    expect(lists.provincie).toHaveLength(12);
    expect(lists.waterschap).toHaveLength(21);
    expect(lists.gemeente).toContain('Nuenen, Gerwen en Nederwetten');
    expect(lists.waterschap).toContain('Waterschap Amstel, Gooi en Vecht');
  });

  it('matches names without regard to case, accents, dashes or apostrophes, and common names', async () => {
    const index = await loadRegionIndex();
    const match = (kind: 'gemeente' | 'provincie' | 'waterschap', typed: string) => index.match(kind, typed);
    expect(match('gemeente', 'ZWOLLE')).toEqual({ ok: true, name: 'Zwolle' });
    expect(match('gemeente', 'gemeente Zwolle')).toEqual({ ok: true, name: 'Zwolle' });
    expect(match('gemeente', 's-Gravenhage')).toEqual({ ok: true, name: "'s-Gravenhage" });
    expect(match('gemeente', 'Den Haag')).toEqual({ ok: true, name: "'s-Gravenhage" });
    expect(match('gemeente', 'Sudwest Fryslan')).toEqual({ ok: true, name: 'Súdwest-Fryslân' });
    expect(match('gemeente', 'Hengelo')).toEqual({ ok: true, name: 'Hengelo (O.)' });
    expect(match('gemeente', 'Bergen (NH.)')).toEqual({ ok: true, name: 'Bergen (NH.)' });
    expect(match('gemeente', 'Bergen')).toEqual({ ok: false, problem: 'region_ambiguous' });
    expect(match('gemeente', 'Westfriesland')).toEqual({ ok: false, problem: 'region_unknown' });
    expect(match('gemeente', 'Weesp')).toEqual({ ok: false, problem: 'region_unknown' });
    expect(match('provincie', 'noord holland')).toEqual({ ok: true, name: 'Noord-Holland' });
    expect(match('provincie', 'Friesland')).toEqual({ ok: true, name: 'Fryslân' });
    expect(match('provincie', 'Zwolle')).toEqual({ ok: false, problem: 'region_unknown' });
    expect(match('waterschap', 'Delfland')).toEqual({ ok: true, name: 'Hoogheemraadschap van Delfland' });
    expect(match('waterschap', "Hunze en Aa's")).toEqual({ ok: true, name: "Waterschap Hunze en Aa's" });
    expect(match('waterschap', 'Wetterskip Fryslan')).toEqual({ ok: true, name: 'Wetterskip Fryslân' });
  });

  it('prefers an exact name over an alias of another', () => {
    const index = buildRegionIndex({ gemeente: ['Laren (NH.)', 'Laren'], provincie: [], waterschap: [] });
    expect(index.match('gemeente', 'Laren')).toEqual({ ok: true, name: 'Laren' });
    expect(regionKey("  'S-Hertogenbosch ")).toBe('s hertogenbosch');
  });
});
