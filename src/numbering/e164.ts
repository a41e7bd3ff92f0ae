/**
 * E.164 number → country calling code and country (ITU-T E.164 assignments, resolved with
 * libphonenumber-js metadata).
 *
 * The hot path (`countryOfE164`, called for every global title) is one `PrefixTable` lookup. The table is
 * built once, on first use, from libphonenumber-js's "max" metadata:
 *  - every calling code with one country maps straight to it;
 *  - calling codes shared by several countries (+1 NANP, +7, +44, +39, +47, +61, +212, +262, +290, +358,
 *    +590, +599) are expanded into explicit national prefixes by walking the numbering plan digit by
 *    digit (`digit-pattern.ts`), reproducing libphonenumber's own rule: countries are tried in metadata
 *    order, a country with "leading digits" takes the number when they match, any other country when the
 *    number is valid for one of its number types. Prefixes are resolved to at most `RESOLVE_DEPTH` national
 *    digits, which covers every leading-digits rule in the metadata (the longest is 5 digits);
 *  - non-geographic codes (800, 808, 870, 878, 881, 882, 883, 888, 979) and the ITU assignments that
 *    libphonenumber does not list (379, 388, 991, the 881 satellite networks) come from a small table
 *    below, taken from the ITU-T E.164 list of assigned country codes.
 * Numbers that no country of a shared code accepts (unassigned NANP area codes, +7 6xx…) resolve to the
 * code's main country (US for +1, RU for +7, GB for +44…), where libphonenumber would answer no country.
 */
import { Metadata } from "libphonenumber-js/core";
import metadata from "libphonenumber-js/metadata.max.json";
import { DigitPattern, type PatternState } from "./digit-pattern.js";
import { PrefixTable } from "./prefix-table.js";

/** Where an E.164 number belongs. */
export interface E164Origin {
  /** The ITU-T E.164 country calling code ("1", "44", "882"). */
  readonly callingCode: string;
  /** ISO 3166-1 alpha-2 of the country or territory; undefined for global services (800, 881, 882, …). */
  readonly country: string | undefined;
  /** For codes not tied to a country: the ITU-T name of the service ("International Networks"). */
  readonly globalService?: string;
  /** For the shared satellite code 881: the network its one-digit identification code belongs to. */
  readonly network?: string;
}

/** National digits after the calling code up to which shared codes are resolved. */
export const RESOLVE_DEPTH = 8;

/**
 * ITU-T E.164 codes that are not a country (ITU-T "Assigned country codes" list), plus 379 which ITU
 * reserves for Vatican City State.
 */
const GLOBAL_SERVICES: Record<string, string> = {
  "388": "Group of countries, shared code",
  "800": "International Freephone Service",
  "808": "International Shared Cost Service (ISCS)",
  "870": "Inmarsat Single Number Access Service (SNAC)",
  "878": "Universal Personal Telecommunication Service (UPT)",
  "881": "Global Mobile Satellite System (GMSS), shared code",
  "882": "International Networks, shared code",
  "883": "International Networks, shared code",
  "888": "Telecommunications for Disaster Relief by OCHA",
  "979": "International Premium Rate Service (IPRS)",
  "991": "Trial of a proposed new international telecommunication public correspondence service, shared code",
};

/** ITU-T E.164 identification codes inside the GMSS code 881. */
const GMSS_NETWORKS: Record<string, string> = {
  "0": "ICO Global Communications",
  "1": "ICO Global Communications",
  "2": "Ellipso",
  "3": "Ellipso",
  "6": "Iridium",
  "7": "Iridium",
  "8": "Globalstar",
  "9": "Globalstar",
};

/** The number types libphonenumber's getNumberType() tries (helpers/getNumberType.js). */
const NUMBER_TYPES = [
  "FIXED_LINE",
  "MOBILE",
  "PREMIUM_RATE",
  "TOLL_FREE",
  "SHARED_COST",
  "VOIP",
  "PERSONAL_NUMBER",
  "PAGER",
  "UAN",
  "VOICEMAIL",
];

/**
 * The parts of libphonenumber-js's Metadata class used here. Its typings expose only
 * `selectNumberingPlan`; these accessors exist at run time (source/metadata.js) and the tests check the
 * resulting table against libphonenumber's own parser.
 */
interface MetadataAccess {
  selectNumberingPlan(country: string): void;
  leadingDigits(): string | undefined;
  nationalNumberPattern(): string;
  type(name: string): { pattern(): string } | undefined;
}

/** How one country of a shared calling code claims numbers. */
interface CountryRule {
  readonly country: string;
  /** Set when the country has "leading digits": a prefix match claims the number outright. */
  readonly leading?: DigitPattern;
  /** Otherwise: the national number pattern and the union of the number-type patterns. */
  readonly national?: DigitPattern;
  readonly types?: DigitPattern;
}

const NEVER = "[]";
const ANYTHING = "\\d*";

function compileOr(source: string, fallback: string): DigitPattern {
  try {
    return new DigitPattern(source);
  } catch {
    // A construct outside the supported subset (none in libphonenumber-js 1.13): be conservative.
    return new DigitPattern(fallback);
  }
}

function countryRule(m: MetadataAccess, country: string): CountryRule {
  m.selectNumberingPlan(country);
  const leading = m.leadingDigits();
  if (leading) return { country, leading: compileOr(leading, NEVER) };
  const typePatterns: string[] = [];
  for (const t of NUMBER_TYPES) {
    const p = m.type(t)?.pattern();
    if (p) typePatterns.push(`(?:${p})`);
  }
  const national = compileOr(m.nationalNumberPattern(), ANYTHING);
  const types = typePatterns.length > 0 ? compileOr(typePatterns.join("|"), ANYTHING) : national;
  return { country, national, types };
}

// Per-country state while walking: leading-digits countries use `a` (NFA states) and `matched`;
// type countries use `a` (national pattern) and `b` (type patterns). An empty `a` (or `b`) is "dead".
interface WalkState {
  readonly a: PatternState;
  readonly b: PatternState | null;
  readonly matched: boolean;
}

const DEAD = 0;
const DEPENDS = 1; // leading digits not decided yet
const CLAIMED = 2; // leading digits matched
const ALIVE = 3; // some number type can still match

function status(s: WalkState): number {
  if (s.b === null) return s.matched ? CLAIMED : s.a.length > 0 ? DEPENDS : DEAD;
  return s.a.length > 0 && s.b.length > 0 ? ALIVE : DEAD;
}

interface Subtree {
  /** Index of the country numbers ending here (or not resolved further) belong to. */
  readonly root: number;
  /** (suffix, country index) for descendants whose country differs from their parent's. */
  readonly below: readonly (readonly [string, number])[];
}

function initialState(rule: CountryRule): WalkState {
  if (rule.leading) {
    const a = rule.leading.initial();
    return { a, b: null, matched: rule.leading.accepts(a) };
  }
  return { a: rule.national!.initial(), b: rule.types!.initial(), matched: false };
}

/** The state of `rule` after one more digit. Dead and claimed states never change. */
function stepState(rule: CountryRule, s: WalkState, digit: number): WalkState {
  if (s.matched || s.a.length === 0) return s;
  if (rule.leading) {
    const a = rule.leading.step(s.a, digit);
    return { a, b: null, matched: rule.leading.accepts(a) };
  }
  return { a: rule.national!.step(s.a, digit), b: rule.types!.step(s.b!, digit), matched: false };
}

/**
 * Resolves one shared calling code: returns (national prefix, country index) pairs, "" first, such that
 * the longest matching prefix gives the country libphonenumber would pick for numbers starting with it.
 * Subtrees whose per-country NFA states are equal resolve alike, so they are memoised (toll-free ranges,
 * valid for several countries down to the last digit, would otherwise be walked in full).
 */
function resolveSharedCode(rules: readonly CountryRule[]): (readonly [string, number])[] {
  const memo = new Map<string, Subtree>();

  const visit = (states: readonly WalkState[], depth: number): Subtree => {
    let key = `${depth}`;
    for (const s of states) {
      key += s.matched ? "|m" : s.a.length === 0 ? "|" : `|${s.a.join(",")}/${s.b?.join(",") ?? ""}`;
    }
    const known = memo.get(key);
    if (known) return known;

    let first = -1;
    let firstStatus = DEAD;
    let laterLive = false;
    let firstClaim = -1; // the first country that is CLAIMED or ALIVE
    for (let i = 0; i < states.length; i++) {
      const st = status(states[i]!);
      if (st === DEAD) continue;
      if (first < 0) {
        first = i;
        firstStatus = st;
      } else laterLive = true;
      if (firstClaim < 0 && (st === CLAIMED || st === ALIVE)) firstClaim = i;
    }
    let result: Subtree;
    if (first < 0) {
      // No country accepts numbers starting like this (libphonenumber: no country): the main one.
      result = { root: 0, below: [] };
    } else if (firstStatus === CLAIMED || (firstStatus === ALIVE && !laterLive)) {
      result = { root: first, below: [] };
    } else if (depth >= RESOLVE_DEPTH) {
      // Not decided within the resolved digits: the first country that could claim the number.
      result = { root: firstStatus === ALIVE ? first : Math.max(firstClaim, 0), below: [] };
    } else {
      // Digits that stop here (a short global title) belong to the first country still in play.
      const root = first;
      const below: (readonly [string, number])[] = [];
      for (let d = 0; d <= 9; d++) {
        const next = states.map((s, i) => stepState(rules[i]!, s, d));
        const child = visit(next, depth + 1);
        if (child.root !== root) below.push([String(d), child.root]);
        for (const [suffix, c] of child.below) below.push([d + suffix, c]);
      }
      result = { root, below };
    }
    memo.set(key, result);
    return result;
  };

  const top = visit(
    rules.map((r) => initialState(r)),
    0,
  );
  return [["", top.root], ...top.below];
}

let table: PrefixTable<E164Origin> | undefined;

/** Builds (once) and returns the calling-code table: E.164 digits prefix → origin. */
export function e164Table(): PrefixTable<E164Origin> {
  if (table) return table;
  const t = new PrefixTable<E164Origin>(4096);
  const m = new Metadata(metadata) as unknown as MetadataAccess;
  const origins = new Map<string, E164Origin>();
  const origin = (callingCode: string, country: string): E164Origin => {
    const key = `${callingCode}:${country}`;
    let o = origins.get(key);
    if (!o) {
      o = Object.freeze({ callingCode, country });
      origins.set(key, o);
    }
    return o;
  };

  for (const [callingCode, countries] of Object.entries(metadata.country_calling_codes)) {
    const list = countries as string[];
    if (list.length === 1) {
      t.set(callingCode, origin(callingCode, list[0]!));
      continue;
    }
    const rules = list.map((c) => countryRule(m, c));
    for (const [suffix, index] of resolveSharedCode(rules)) {
      t.set(callingCode + suffix, origin(callingCode, rules[index]!.country));
    }
  }

  // 379: reserved by ITU for Vatican City State (which uses +39 06 698 in practice).
  t.set("379", origin("379", "VA"));
  for (const [code, globalService] of Object.entries(GLOBAL_SERVICES)) {
    t.set(code, Object.freeze({ callingCode: code, country: undefined, globalService }));
  }
  for (const [digit, network] of Object.entries(GMSS_NETWORKS)) {
    t.set(
      `881${digit}`,
      Object.freeze({
        callingCode: "881",
        country: undefined,
        globalService: GLOBAL_SERVICES["881"]!,
        network,
      }),
    );
  }
  table = t;
  return t;
}

/**
 * The calling code and country of an E.164 number given as digits (a leading "+" is skipped; the lookup
 * stops at the first non-digit). Undefined when no assigned calling code prefixes the digits (spare codes
 * such as 28x, or an empty string).
 */
export function countryOfE164(digits: string): E164Origin | undefined {
  const t = table ?? e164Table();
  return t.lookup(digits, digits.charCodeAt(0) === 43 ? 1 : 0);
}
