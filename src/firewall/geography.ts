/**
 * Impossible travel: the least time a subscriber needs to get from one country to another, from the
 * great-circle distance between the countries' reference points (the `world-countries` data set's latlng)
 * at a given speed. Coarse by design — a country is one point — so the policy adds a margin.
 */
import { createRequire } from "node:module";

interface CountryRecord {
  cca2: string;
  latlng: readonly number[];
}

const EARTH_RADIUS_KM = 6371;
let points: Map<string, readonly [number, number]> | undefined;

function pointOf(country: string): readonly [number, number] | undefined {
  if (!points) {
    points = new Map();
    // The package's ESM entry re-exports JSON without an import attribute, which Node 20 refuses.
    const records = createRequire(import.meta.url)("world-countries") as readonly CountryRecord[];
    for (const r of records) {
      const [lat, lng] = r.latlng;
      if (lat !== undefined && lng !== undefined)
        points.set(r.cca2, [(lat * Math.PI) / 180, (lng * Math.PI) / 180]);
    }
  }
  return points.get(country);
}

/** Great-circle distance in km between two countries' reference points; undefined if either is unknown. */
export function countryDistanceKm(a: string, b: string): number | undefined {
  if (a === b) return 0;
  const p = pointOf(a);
  const q = pointOf(b);
  if (!p || !q) return undefined;
  const dLat = q[0] - p[0];
  const dLng = q[1] - p[1];
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p[0]) * Math.cos(q[0]) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Seconds a subscriber needs at least to move from country `a` to `b` at `speedKmh`; 0 for the same
 * country, undefined when either country has no reference point (then no plausibility verdict is possible).
 */
export class TravelTimes {
  private readonly cache = new Map<string, number | undefined>();
  constructor(private readonly speedKmh: number) {}

  minSeconds(a: string, b: string): number | undefined {
    if (a === b) return 0;
    const key = a < b ? `${a}${b}` : `${b}${a}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const km = countryDistanceKm(a, b);
    const s = km === undefined ? undefined : (km / this.speedKmh) * 3600;
    this.cache.set(key, s);
    return s;
  }
}
