/**
 * Province, city and district codes (GB/T 2260, as bundled by @vant/area-data). Codes nest by prefix:
 * 330000 Zhejiang ⊃ 330100 Hangzhou ⊃ 330106 Xihu. Indexes are built on first use.
 *
 * The table (about 32 KB gzipped) is provided rather than imported here: on the server the package entry
 * (src/index.ts) provides it at once through ./region-table; the browser entry (src/browser.ts) leaves it
 * out, and the form renderer loads it with `loadRegionTable()` only for forms with an address field.
 */
export type RegionLevel = 'province' | 'city' | 'district';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  /** Code of the enclosing region; absent for provinces. */
  parent?: string;
}

interface Indexes {
  byCode: Map<string, Region>;
  children: Map<string, Region[]>;
  provinces: Region[];
}

/** The shape of @vant/area-data's `areaList`: code → name per level. */
export interface RegionTable {
  province_list: Record<string, string>;
  city_list: Record<string, string>;
  county_list: Record<string, string>;
}

let table: RegionTable | undefined;
let indexes: Indexes | undefined;

export function provideRegionTable(regions: RegionTable): void {
  table = regions;
  indexes = undefined;
}

export function hasRegionTable(): boolean {
  return table !== undefined;
}

/** Loads the table if it is not there yet (in the browser, a chunk of its own). */
export async function loadRegionTable(): Promise<void> {
  if (!table) provideRegionTable((await import('@vant/area-data')).areaList);
}

function build(areaList: RegionTable): Indexes {
  const byCode = new Map<string, Region>();
  const children = new Map<string, Region[]>();
  const provinces: Region[] = [];
  const add = (region: Region) => {
    byCode.set(region.code, region);
    if (region.parent === undefined) provinces.push(region);
    else {
      const siblings = children.get(region.parent) ?? [];
      siblings.push(region);
      children.set(region.parent, siblings);
    }
  };
  for (const [code, name] of Object.entries(areaList.province_list)) add({ code, name, level: 'province' });
  for (const [code, name] of Object.entries(areaList.city_list))
    add({ code, name, level: 'city', parent: `${code.slice(0, 2)}0000` });
  for (const [code, name] of Object.entries(areaList.county_list))
    add({ code, name, level: 'district', parent: `${code.slice(0, 4)}00` });
  return { byCode, children, provinces };
}

function index(): Indexes {
  if (!table) throw new Error('The region table is not loaded yet (loadRegionTable).');
  indexes ??= build(table);
  return indexes;
}

export function regionByCode(code: string): Region | undefined {
  return index().byCode.get(code);
}

export function provinces(): readonly Region[] {
  return index().provinces;
}

export function childRegions(code: string): readonly Region[] {
  return index().children.get(code) ?? [];
}

const SUFFIXES: Record<RegionLevel, RegExp> = {
  province: /(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/,
  city: /(?:市|地区|盟|自治州)$/,
  // District names like 东区 are too short to shorten safely.
  district: /$^/,
};

/** Full name and, when still at least two characters, the everyday short name (浙江省 → 浙江). */
export function regionNames(region: Region): string[] {
  const short = region.name.replace(SUFFIXES[region.level], '');
  return short !== region.name && short.length >= 2 ? [region.name, short] : [region.name];
}

/** A region under `parent` (or a province) by code or by full or short name. */
export function findRegion(nameOrCode: string, level: RegionLevel, parent?: string): Region | undefined {
  const wanted = nameOrCode.trim();
  const candidates = level === 'province' ? provinces() : parent ? childRegions(parent) : [];
  return (
    candidates.find((region) => region.code === wanted) ??
    candidates.find((region) => region.name === wanted) ??
    candidates.find((region) => regionNames(region).includes(wanted))
  );
}

/** The region whose full or short name starts `text`, longest name first (内蒙古 before 内). */
export function matchRegionPrefix(
  text: string,
  level: RegionLevel,
  parent?: string,
): { region: Region; rest: string } | undefined {
  const candidates = level === 'province' ? provinces() : parent ? childRegions(parent) : [];
  let best: { region: Region; length: number } | undefined;
  for (const region of candidates) {
    for (const name of regionNames(region)) {
      if (text.startsWith(name) && (!best || name.length > best.length))
        best = { region, length: name.length };
    }
  }
  return best && { region: best.region, rest: text.slice(best.length) };
}
