/**
 * Where the subscriber identities sit in each operation's parameter, as data, so the capture pipeline can
 * pull IMSI and MSISDN out of a MAP component at line rate without the full typed decode.
 *
 * Table format. `mapIdentityPaths` maps an opcode to the paths of its argument and of its result. A path
 * is the list of BER identifier octets (X.690 §8.1.2, low tag numbers only) from the parameter TLV
 * inward: the first octet must be the parameter's own tag; each following octet selects the first child
 * TLV, in order, with that identifier octet; the last TLV is primitive and its content octets are the
 * identity — TBCD digits for `imsi` (TS 29.002 §17.7.8 IMSI), an AddressString (nature/plan octet, then
 * TBCD digits) for `msisdn`. Several paths for the same identity are alternatives tried in order (the
 * v2 and v3 encodings of one parameter, the two arms of a CHOICE); the first that exists wins.
 *
 *   [0x30, 0x80]  SEQUENCE { [0] IMPLICIT ... }       — e.g. SendAuthenticationInfoArg v3 imsi
 *   [0x04]        the parameter itself is the IMSI     — e.g. SendAuthenticationInfoArg v2
 *
 * "First child with that identifier" is exactly how the full decoders resolve untagged components of
 * the same type (UpdateLocationArg's imsi precedes vlr-Number, both OCTET STRING), so on well-formed
 * input `locateIdentities` and the typed codec agree (the tests check this on random values).
 *
 * A step may instead name a position: `child(i, octet)` (= octet + (i + 1) · 256) selects the child at
 * 0-based position i, which must have that identifier octet. Needed where a later component reuses the
 * tag of an untagged CHOICE alternative: MT-ForwardSM-Arg's sm-RP-DA imsi [0] is the first component,
 * but smsOverIP-OnlyIndicator [0] NULL follows when sm-RP-DA holds an LMSI, and sm-RP-OA msisdn [2] is
 * the second, with maximumRetransmissionTime [2] further on.
 *
 *   [0x30, child(0, 0x80)]  the first component, if it is [0]  — MT-ForwardSM-Arg sm-RP-DA imsi
 */
import type { BerCursor } from "../ber/index.js";
import { DecodeError } from "../errors.js";
import { decodeImsi, decodeTbcd } from "../gsm/index.js";

export type MapIdentityKind = "imsi" | "msisdn";

export interface MapIdentityPath {
  readonly identity: MapIdentityKind;
  /** Identifier octets from the parameter inward (see the module comment). */
  readonly path: readonly number[];
  /** The parameter encoding this path belongs to ("v3", "v2", "imsi-WithLMSI"…), for readers and tests. */
  readonly form: string;
}

export interface MapIdentityPaths {
  readonly argument: readonly MapIdentityPath[];
  readonly result: readonly MapIdentityPath[];
}

const imsi = (form: string, ...path: number[]): MapIdentityPath => ({ identity: "imsi", path, form });
const msisdn = (form: string, ...path: number[]): MapIdentityPath => ({ identity: "msisdn", path, form });
/** A positional step: the child at 0-based `position`, which must have identifier `octet`. */
const child = (position: number, octet: number): number => octet + (position + 1) * 256;

// Identifier octets used below (X.690 §8.1.2: class bits 8-7, constructed bit 6, number bits 5-1).
const OCTETS = 0x04; // UNIVERSAL 4 OCTET STRING
const SEQ = 0x30; // UNIVERSAL 16 SEQUENCE, constructed
const C0 = 0x80; // [0] primitive
const C1 = 0x81;
const C2 = 0x82;
const A3 = 0xa3; // [3] constructed

const NONE: readonly MapIdentityPath[] = [];

/**
 * One entry per line: [opcode, { argument, result }]. Clauses are TS 29.002 §17.7.x ASN.1; operations
 * whose parameters name no subscriber (reset, registerSS: the subscriber is in the dialogue portion)
 * are listed with empty paths so that "known, nothing to find" differs from "not in the table".
 */
const entries: readonly (readonly [number, MapIdentityPaths])[] = [
  // ---- Mobility, subscriber management, authentication, fault recovery, SS registration ----
  // updateLocation: UpdateLocationArg ::= SEQUENCE { imsi IMSI, msc-Number [1], vlr-Number, ... }
  [2, { argument: [imsi("v1-v3", SEQ, OCTETS)], result: NONE }],
  // cancelLocation: v3 [3] SEQUENCE { identity CHOICE { imsi, imsi-WithLMSI SEQUENCE { imsi, lmsi } }, ... };
  // v1/v2: the Identity CHOICE itself.
  [
    3,
    {
      argument: [
        imsi("v3", A3, OCTETS),
        imsi("v3 imsi-WithLMSI", A3, SEQ, OCTETS),
        imsi("v2", OCTETS),
        imsi("v2 imsi-WithLMSI", SEQ, OCTETS),
      ],
      result: NONE,
    },
  ],
  // provideRoamingNumber: SEQUENCE { imsi [0], msc-Number [1], msisdn [2], ... }
  [4, { argument: [imsi("v1-v3", SEQ, C0), msisdn("v1-v3", SEQ, C2)], result: NONE }],
  // insertSubscriberData: SEQUENCE { imsi [0], msisdn [1] (COMPONENTS OF SubscriberData), ... }
  [7, { argument: [imsi("v1-v3", SEQ, C0), msisdn("v1-v3", SEQ, C1)], result: NONE }],
  // deleteSubscriberData: SEQUENCE { imsi [0], ... }
  [8, { argument: [imsi("v1-v3", SEQ, C0)], result: NONE }],
  // registerSS: RegisterSS-Arg names no subscriber.
  [10, { argument: NONE, result: NONE }],
  // updateGprsLocation: SEQUENCE { imsi IMSI, sgsn-Number, sgsn-Address, ... }
  [23, { argument: [imsi("v3", SEQ, OCTETS)], result: NONE }],
  // reset: ResetArg names an HLR, not a subscriber (hlr-List holds IMSI prefixes).
  [37, { argument: NONE, result: NONE }],
  // sendIdentification: SendIdentificationRes v3 [3] SEQUENCE { imsi IMSI OPTIONAL, authenticationSetList … };
  // v2 SEQUENCE { imsi, authenticationSetList }. The argument names only a TMSI.
  [55, { argument: NONE, result: [imsi("v3", A3, OCTETS), imsi("v2", SEQ, OCTETS)] }],
  // sendAuthenticationInfo: v3 SEQUENCE { imsi [0], ... }; v2 the bare IMSI.
  [56, { argument: [imsi("v3", SEQ, C0), imsi("v2", OCTETS)], result: NONE }],
  // sendIMSI: argument is the bare msisdn ISDN-AddressString, result the bare IMSI.
  [58, { argument: [msisdn("v2", OCTETS)], result: [imsi("v2", OCTETS)] }],
  // purgeMS: v3 [3] SEQUENCE { imsi, vlr-Number [0], ... }; v2 SEQUENCE { imsi, vlr-Number }.
  [67, { argument: [imsi("v3", A3, OCTETS), imsi("v2", SEQ, OCTETS)], result: NONE }],
  // ---- SMS, USSD, subscriber information and location services (add one entry per line below) ----
  // sendRoutingInfo: Arg SEQUENCE { msisdn [0], ... }; Res v3 [3] SEQUENCE { imsi [9], ..., msisdn [12] },
  // v1/v2 SEQUENCE { imsi IMSI, routingInfo, ... }.
  [
    22,
    {
      argument: [msisdn("v1-v3", SEQ, C0)],
      result: [imsi("v3", A3, 0x89), imsi("v2", SEQ, OCTETS), msisdn("v3", A3, 0x8c)],
    },
  ],
  // mt-ForwardSM: SEQUENCE { sm-RP-DA CHOICE { imsi [0], ... }, sm-RP-OA CHOICE { msisdn [2], ... }, ... };
  // positional, as smsOverIP-OnlyIndicator [0] and maximumRetransmissionTime [2] come later.
  [44, { argument: [imsi("v3", SEQ, child(0, C0)), msisdn("v3", SEQ, child(1, C2))], result: NONE }],
  // sendRoutingInfoForSM: Arg SEQUENCE { msisdn [0], ..., imsi [12] }; Res SEQUENCE { imsi IMSI, ... }.
  [45, { argument: [msisdn("v1-v3", SEQ, C0), imsi("v3", SEQ, 0x8c)], result: [imsi("v1-v3", SEQ, OCTETS)] }],
  // mo-ForwardSM, and v1/v2 forwardSM (MO and MT): sm-RP-DA / sm-RP-OA as in mt-ForwardSM. MO-ForwardSM v3's
  // trailing imsi IMSI (the second untagged OCTET STRING) is not addressed; see forwardSmIdentities.
  [46, { argument: [imsi("v1-v3", SEQ, child(0, C0)), msisdn("v1-v3", SEQ, child(1, C2))], result: NONE }],
  // reportSM-DeliveryStatus: Arg SEQUENCE { msisdn, serviceCentreAddress, ..., imsi [9] }; Res v3
  // SEQUENCE { storedMSISDN OPTIONAL, ... }, v2 the bare storedMSISDN.
  [
    47,
    {
      argument: [msisdn("v1-v3", SEQ, OCTETS), imsi("v3", SEQ, 0x89)],
      result: [msisdn("v3", SEQ, OCTETS), msisdn("v2", OCTETS)],
    },
  ],
  // USSD 59/60/61: USSD-Arg ::= SEQUENCE { ussd-DataCodingScheme, ussd-String, ..., alertingPattern, msisdn [0] }.
  [59, { argument: [msisdn("v2", SEQ, C0)], result: NONE }],
  [60, { argument: [msisdn("v2", SEQ, C0)], result: NONE }],
  [61, { argument: [msisdn("v2", SEQ, C0)], result: NONE }],
  // provideSubscriberInfo: SEQUENCE { imsi [0], lmsi [1], requestedInfo [2], ... }.
  [70, { argument: [imsi("v3", SEQ, C0)], result: NONE }],
  // anyTimeInterrogation: SEQUENCE { subscriberIdentity [0] CHOICE { imsi [0], msisdn [1] }, ... }.
  [71, { argument: [imsi("v3", SEQ, 0xa0, C0), msisdn("v3", SEQ, 0xa0, C1)], result: NONE }],
  // provideSubscriberLocation: SEQUENCE { locationType, mlc-Number, lcs-ClientID [0], privacyOverride [1], imsi [2], msisdn [3], ... }.
  [83, { argument: [imsi("v3", SEQ, C2), msisdn("v3", SEQ, 0x83)], result: NONE }],
  // sendRoutingInfoForLCS: Arg SEQUENCE { mlcNumber [0], targetMS [1] SubscriberIdentity, ... }; Res
  // SEQUENCE { targetMS [0] SubscriberIdentity, ... }.
  [
    85,
    {
      argument: [imsi("v3", SEQ, 0xa1, C0), msisdn("v3", SEQ, 0xa1, C1)],
      result: [imsi("v3", SEQ, 0xa0, C0), msisdn("v3", SEQ, 0xa0, C1)],
    },
  ],
];

/** Identity paths by opcode. */
export const mapIdentityPaths: ReadonlyMap<number, MapIdentityPaths> = new Map(entries);

// Local opcodes are small non-negative integers; an array lookup keeps the hot path free of hashing.
const byOpcode: (MapIdentityPaths | undefined)[] = [];
for (const [op, p] of entries) byOpcode[op] = p;

/**
 * The result of `locateIdentities`, meant to be allocated once and reused: the digit strings and the
 * offsets of the identity's content octets (IMSI: TBCD; MSISDN: the whole AddressString, nature/plan
 * octet included). Offsets are -1 when the identity was not found.
 */
export class LocatedIdentities {
  /** The opcode has a table entry (so "no identity" means the parameter carries none). */
  known = false;
  imsi: string | undefined = undefined;
  imsiStart = -1;
  imsiEnd = -1;
  msisdn: string | undefined = undefined;
  msisdnStart = -1;
  msisdnEnd = -1;

  reset(): this {
    this.known = false;
    this.imsi = undefined;
    this.imsiStart = -1;
    this.imsiEnd = -1;
    this.msisdn = undefined;
    this.msisdnStart = -1;
    this.msisdnEnd = -1;
    return this;
  }
}

/**
 * Follows `path` from the parameter TLV at `[start, end)`. Returns the offset of the final primitive
 * TLV's content in `c` (valueStart/valueEnd) and true, or false when the path does not exist. Only the
 * TLVs on the way are read; malformed headers on the way throw DecodeError.
 */
function follow(
  path: readonly number[],
  bytes: Uint8Array,
  start: number,
  end: number,
  c: BerCursor,
): boolean {
  c.read(start, end);
  if (bytes[start] !== path[0]) return false;
  for (let s = 1; s < path.length; s++) {
    if (!c.constructed) return false;
    const step = path[s]!;
    const want = step & 0xff;
    // Positional step (see the module comment): skip `position` children whatever their tags.
    let position = (step >> 8) - 1;
    const to = c.valueEnd;
    let at = c.valueStart;
    for (;;) {
      if (at >= to) return false;
      c.read(at, to);
      if (position < 0 ? bytes[at] === want : position-- === 0) break;
      at = c.end; // > at: each step consumes at least two octets
    }
    if (bytes[at] !== want) return false;
  }
  return !c.constructed;
}

/**
 * True when `bytes[vs, ve)` is an IMSI in its ordinary form: decimal digits only, at most 15, a filler at
 * most in the high nibble of the last octet. Then the plain TBCD digits are the IMSI and the stricter
 * `decodeImsi` (which re-scans its result string) can be skipped; anything else goes through
 * `decodeImsi`, so both paths accept and reject exactly the same inputs.
 */
function plainImsi(bytes: Uint8Array, vs: number, ve: number): boolean {
  const last = ve - 1;
  for (let i = vs; i < last; i++) {
    const b = bytes[i]!;
    if ((b & 0x0f) > 9 || b >> 4 > 9) return false;
  }
  const b = bytes[last]!;
  // 8 octets without a filler would be 16 digits (TS 23.003 §2.2 allows 15).
  return (b & 0x0f) <= 9 && (b >> 4 === 0x0f || (b >> 4 <= 9 && ve - vs < 8));
}

/**
 * Pulls IMSI and MSISDN out of the parameter `bytes[start, end)` (tag included, as handed over by the
 * TCAP component) of an invoke (`isResult` false) or return result of `opcode`, by the paths in
 * `mapIdentityPaths`. Walks with `cursor` (reused across calls); allocates nothing but the digit strings.
 * Throws only DecodeError (a malformed TLV on the path, an IMSI of impossible length).
 */
export function locateIdentities(
  opcode: number,
  isResult: boolean,
  bytes: Uint8Array,
  start: number,
  end: number,
  cursor: BerCursor,
  out: LocatedIdentities = new LocatedIdentities(),
): LocatedIdentities {
  out.reset();
  const entry = opcode >= 0 && opcode < byOpcode.length ? byOpcode[opcode] : undefined;
  if (!entry) return out;
  out.known = true;
  if (start >= end) return out;
  if (cursor.bytes !== bytes) cursor.bytes = bytes;
  const paths = isResult ? entry.result : entry.argument;
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i]!;
    if (p.identity === "imsi" ? out.imsi !== undefined : out.msisdn !== undefined) continue;
    if (!follow(p.path, bytes, start, end, cursor)) continue;
    const vs = cursor.valueStart;
    const ve = cursor.valueEnd;
    if (p.identity === "imsi") {
      // TS 29.002 §17.7.8: IMSI ::= TBCD-STRING (SIZE (3..8)).
      if (ve - vs < 3 || ve - vs > 8)
        throw new DecodeError("map", vs, `imsi: ${ve - vs} octets, outside SIZE (3..8)`);
      out.imsi = plainImsi(bytes, vs, ve) ? decodeTbcd(bytes, vs, ve) : decodeImsi(bytes, vs, ve);
      out.imsiStart = vs;
      out.imsiEnd = ve;
    } else {
      // ISDN-AddressString (SIZE (1..9)): one nature/plan octet, then TBCD digits.
      if (ve - vs < 1 || ve - vs > 9)
        throw new DecodeError("map", vs, `msisdn: ${ve - vs} octets, outside SIZE (1..9)`);
      out.msisdn = decodeTbcd(bytes, vs + 1, ve);
      out.msisdnStart = vs;
      out.msisdnEnd = ve;
    }
  }
  return out;
}
