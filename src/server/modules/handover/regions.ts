import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RegionKind } from '../../../shared/handover.ts';
import { parseCsv } from './csv.ts';

/**
 * The reference lists of where an office is held: the 342 municipalities and 12 provinces as CBS names
 * them (1 January 2025, unchanged on 1 January 2026) and the 21 water boards. Copied from
 * /work/shared/data (see reference/README.md for the sources). A typed name is matched without regard to
 * case, accents, dashes or apostrophes; a few common names are understood too ("Den Haag",
 * "Friesland", "Hengelo" without the CBS suffix when only one municipality has that name).
 */

const REFERENCE_DIR = fileURLToPath(new URL('./reference/', import.meta.url));

export type RegionMatch = { ok: true; name: string } | { ok: false; problem: 'region_unknown' | 'region_ambiguous' };

export interface RegionIndex {
  lists: Record<RegionKind, string[]>;
  match(kind: RegionKind, typed: string): RegionMatch;
}

/** Lower case, no accents, apostrophes dropped, every other run of non-alphanumerics one space. */
export function regionKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words people put before a name that the lists do not have ("gemeente Zwolle", "provincie Utrecht"). */
const PREFIXES: Record<RegionKind, RegExp> = {
  gemeente: /^(gemeente|municipality of) /,
  provincie: /^(provincie|province of) /,
  waterschap: /^(waterschap|hoogheemraadschap van|hoogheemraadschap|wetterskip) /,
};

const EXTRA_ALIASES: Record<RegionKind, Record<string, string>> = {
  gemeente: {
    'den haag': "'s-Gravenhage",
    'the hague': "'s-Gravenhage",
    'den bosch': "'s-Hertogenbosch",
  },
  provincie: { friesland: 'Fryslân' },
  waterschap: { 'hoogheemraadschap amstel gooi en vecht': 'Waterschap Amstel, Gooi en Vecht' },
};

const AMBIGUOUS = Symbol('ambiguous');
type Entry = string | typeof AMBIGUOUS;

function addAlias(map: Map<string, Entry>, key: string, name: string) {
  if (!key) return;
  const existing = map.get(key);
  if (existing === undefined) map.set(key, name);
  else if (existing !== name) map.set(key, AMBIGUOUS);
}

export function buildRegionIndex(lists: Record<RegionKind, string[]>): RegionIndex {
  const maps = {} as Record<RegionKind, Map<string, Entry>>;
  for (const kind of Object.keys(lists) as RegionKind[]) {
    const exact = new Map<string, Entry>();
    const aliases = new Map<string, Entry>();
    for (const name of lists[kind]) {
      exact.set(regionKey(name), name);
      // "Bergen (NH.)" → "Bergen" (ambiguous: there is a Bergen (L.) too); "Hengelo (O.)" → "Hengelo".
      const withoutSuffix = name.replace(/\s*\([^)]*\)\s*$/, '');
      if (withoutSuffix !== name) addAlias(aliases, regionKey(withoutSuffix), name);
      const withoutPrefix = regionKey(name).replace(PREFIXES[kind], '');
      if (withoutPrefix !== regionKey(name)) addAlias(aliases, withoutPrefix, name);
    }
    for (const [alias, name] of Object.entries(EXTRA_ALIASES[kind])) {
      if (lists[kind].includes(name)) addAlias(aliases, regionKey(alias), name);
    }
    // An exact name always wins over an alias of another name.
    for (const [key, name] of aliases) if (!exact.has(key)) exact.set(key, name);
    maps[kind] = exact;
  }
  return {
    lists,
    match(kind, typed) {
      const map = maps[kind];
      const key = regionKey(typed);
      const found = map.get(key) ?? map.get(key.replace(PREFIXES[kind], ''));
      if (found === undefined) return { ok: false, problem: 'region_unknown' };
      if (found === AMBIGUOUS) return { ok: false, problem: 'region_ambiguous' };
      return { ok: true, name: found };
    },
  };
}

async function namesFrom(file: string, column: string): Promise<string[]> {
  const parsed = parseCsv(await readFile(`${REFERENCE_DIR}${file}`, 'utf8'), ',');
  if (!parsed.ok) throw new Error(`reference/${file} is not valid CSV`);
  const [header, ...rows] = parsed.records;
  const index = header?.cells.indexOf(column) ?? -1;
  if (index < 0) throw new Error(`reference/${file} has no column ${column}`);
  return rows
    .map((row) => row.cells[index]?.trim() ?? '')
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b, 'nl'));
}

let loaded: Promise<RegionIndex> | null = null;

/** The index over the files in ./reference, read once per process. */
export function loadRegionIndex(): Promise<RegionIndex> {
  loaded ??= (async () =>
    buildRegionIndex({
      gemeente: await namesFrom('gemeenten.csv', 'name'),
      provincie: await namesFrom('provincies.csv', 'name'),
      waterschap: await namesFrom('waterschappen.csv', 'name'),
    }))();
  return loaded;
}
