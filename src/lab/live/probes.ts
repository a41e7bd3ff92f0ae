/**
 * Arguments of the category 1 operations a probe sends that have no typed codec in the project, written
 * from TS 29.002's ASN.1 (§17.6 / §17.7), minimal but complete: each returns the parameter TLV an invoke
 * carries.
 */
import { BerClass, BerWriter, UniversalTag } from "../../codec/ber/index.js";
import { encodeIsdnAddressString, encodeTbcd } from "../../codec/gsm/index.js";
import { isdn } from "../traffic.js";

/** Local opcodes (TS 29.002 §17.5). */
export const ProbeOpcode = {
  anyTimeSubscriptionInterrogation: 62,
  sendParameters: 9,
  sendIdentification: 55,
};

/**
 * AnyTimeSubscriptionInterrogationArg ::= SEQUENCE { subscriberIdentity [0] SubscriberIdentity (msisdn [1]),
 * requestedSubscriptionInfo [1] { odb [2] NULL, msisdn-BS-List [8] NULL }, gsmSCF-Address [2] }.
 */
export function atsiParameter(msisdn: string, gsmScf: string): Uint8Array {
  const w = new BerWriter(64);
  const seq = w.begin(BerClass.universal, UniversalTag.sequence);
  const id = w.begin(BerClass.contextSpecific, 0);
  w.primitive(BerClass.contextSpecific, 1, encodeIsdnAddressString(isdn(msisdn)));
  w.end(id);
  const info = w.begin(BerClass.contextSpecific, 1);
  w.null(BerClass.contextSpecific, 2);
  w.null(BerClass.contextSpecific, 8);
  w.end(info);
  w.primitive(BerClass.contextSpecific, 2, encodeIsdnAddressString(isdn(gsmScf)));
  w.end(seq);
  return w.finish();
}

/**
 * SendParametersArg (MAP v1) ::= SEQUENCE { subscriberId SubscriberId (imsi [0]), requestParameterList
 * SEQUENCE OF RequestParameter }: requestSubscriberData (2) and requestAuthenticationSet (1).
 */
export function sendParametersParameter(imsi: string): Uint8Array {
  const w = new BerWriter(32);
  const seq = w.begin(BerClass.universal, UniversalTag.sequence);
  w.primitive(BerClass.contextSpecific, 0, encodeTbcd(imsi));
  const list = w.begin(BerClass.universal, UniversalTag.sequence);
  w.integer(BerClass.universal, UniversalTag.enumerated, 2);
  w.integer(BerClass.universal, UniversalTag.enumerated, 1);
  w.end(list);
  w.end(seq);
  return w.finish();
}

/** SendIdentificationArg (v3) ::= SEQUENCE { tmsi TMSI (OCTET STRING (SIZE (1..4))), numberOfRequestedVectors }. */
export function sendIdentificationParameter(tmsi: Uint8Array): Uint8Array {
  const w = new BerWriter(16);
  const seq = w.begin(BerClass.universal, UniversalTag.sequence);
  w.primitive(BerClass.universal, UniversalTag.octetString, tmsi);
  w.integer(BerClass.universal, UniversalTag.integer, 1);
  w.end(seq);
  return w.finish();
}
