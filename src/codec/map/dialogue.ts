/**
 * The MAP dialogue PDU carried in TCAP's user-information (TS 29.002 §17.3.4 MAP-DialogueInformation):
 * EXTERNAL { direct-reference map-DialogueAS, single-ASN1-type [0] MAP-DialoguePDU }. Only map-open carries
 * addresses: destinationReference / originatingReference name the subscriber for USSD, SS and some
 * subscriber-management dialogues, where the operation's own parameter does not — so the firewall needs them.
 */
import { BerClass, BerCursor, readObjectIdentifier, UniversalTag } from "../ber/index.js";
import { DecodeError } from "../errors.js";
import { type AddressString, decodeAddressString } from "../gsm/index.js";

/** TS 29.002 §17.3.4: map-DialogueAS ::= { map-ac dialogueAS(1) version1(1) } = 0.4.0.0.1.1.1.1. */
export const MAP_DIALOGUE_AS = "0.4.0.0.1.1.1.1";

/** MAP-DialoguePDU CHOICE alternatives. */
export const MapDialoguePduName = [
  "open",
  "accept",
  "close",
  "refuse",
  "userAbort",
  "providerAbort",
] as const;
export type MapDialoguePduName = (typeof MapDialoguePduName)[number];

export interface MapDialoguePdu {
  pdu: MapDialoguePduName;
  /** map-open only. */
  destinationReference?: AddressString;
  originatingReference?: AddressString;
}

/**
 * Finds the MAP dialogue PDU among the EXTERNALs of a user-information field (`bytes[start, end)` is the
 * content of [30], as TCAP's decoder reports it). Returns undefined when no EXTERNAL is a MAP dialogue.
 * Throws only DecodeError.
 */
export function decodeMapDialogue(bytes: Uint8Array, start: number, end: number): MapDialoguePdu | undefined {
  const c = new BerCursor(bytes);
  for (let at = start; at < end; ) {
    c.read(at, end);
    at = c.end;
    if (!c.is(BerClass.universal, true, UniversalTag.external)) continue;
    const extEnd = c.valueEnd;
    c.read(c.valueStart, extEnd);
    if (!c.is(BerClass.universal, false, UniversalTag.objectIdentifier)) continue;
    if (readObjectIdentifier(bytes, c.valueStart, c.valueEnd) !== MAP_DIALOGUE_AS) continue;
    // X.690 §8.18: skip an optional indirect-reference INTEGER, then expect single-ASN1-type [0].
    c.read(c.end, extEnd);
    if (c.is(BerClass.universal, false, UniversalTag.integer)) c.read(c.end, extEnd);
    if (!c.is(BerClass.contextSpecific, true, 0)) {
      throw new DecodeError("map", c.start, "map-DialogueAS EXTERNAL without single-ASN1-type [0]");
    }
    c.read(c.valueStart, c.valueEnd);
    if (c.tagClass !== BerClass.contextSpecific || !c.constructed || c.tagNumber > 5) {
      throw new DecodeError(
        "map",
        c.start,
        "MAP-DialoguePDU is not one of map-open … map-providerAbort [0..5]",
      );
    }
    const pdu: MapDialoguePdu = { pdu: MapDialoguePduName[c.tagNumber]! };
    if (c.tagNumber === 0) readOpenInfo(bytes, c.valueStart, c.valueEnd, pdu);
    return pdu;
  }
  return undefined;
}

/** MAP-OpenInfo ::= SEQUENCE { destinationReference [0] AddressString OPTIONAL, originatingReference [1] …, … }. */
function readOpenInfo(bytes: Uint8Array, start: number, end: number, out: MapDialoguePdu): void {
  const c = new BerCursor(bytes);
  for (let at = start; at < end; at = c.end) {
    c.read(at, end);
    if (c.tagClass !== BerClass.contextSpecific || c.constructed) continue;
    if (c.tagNumber === 0) out.destinationReference = decodeAddressString(bytes, c.valueStart, c.valueEnd);
    else if (c.tagNumber === 1)
      out.originatingReference = decodeAddressString(bytes, c.valueStart, c.valueEnd);
  }
}
