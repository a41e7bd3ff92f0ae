/**
 * Hand-built TCAP messages (ITU-T Q.773, BER per X.690), one per construct the codec supports. Each was
 * assembled octet by octet from the Q.773 ASN.1 modules named in its comment; lengths are checked by the
 * tests against asn1js, and the messages were spot-checked with tshark 4.0.17 (wrapped by hand in SCCP UDT
 * + M3UA DATA, `text2pcap -S 2905,2905,3`): otid/dtid, dialogue OID, application context, components and
 * MAP operations all dissect as described here.
 */
import { fromHex } from "../../../src/codec/bytes.js";

export interface Fixture {
  name: string;
  hex: string;
}

export const fixtures = {
  /**
   * Q.773 TCAPMessages Begin { otid, dialoguePortion, components }; DialoguePDUs AARQ-apdu with
   * protocol-version { version1 } (80 02 07 80) and application-context-name [1] { 0.4.0.0.1.0.20.3 }
   * (MAP shortMsgGatewayContext-v3); one Invoke { invokeID 1, opcode local 45 (MAP sendRoutingInfoForSM),
   * parameter SEQUENCE { msisdn [0], sm-RP-PRI [1] } }.
   */
  beginAarqInvoke: `
    62 3d
      48 04 0a 0b 0c 0d
      6b 1e
        28 1c
          06 07 00 11 86 05 01 01 01
          a0 11
            60 0f
              80 02 07 80
              a1 09 06 07 04 00 00 01 00 14 03
      6c 15
        a1 13
          02 01 01
          02 01 2d
          30 0b 80 06 91 44 97 00 00 01 81 01 01`,

  /** The same Begin with every constructed length in the indefinite form (X.690 §8.1.3.6). */
  beginAarqInvokeIndefinite: `
    62 80
      48 04 0a 0b 0c 0d
      6b 80
        28 80
          06 07 00 11 86 05 01 01 01
          a0 80
            60 80
              80 02 07 80
              a1 80 06 07 04 00 00 01 00 14 03 00 00
            00 00
          00 00
        00 00
      00 00
      6c 80
        a1 80
          02 01 01
          02 01 2d
          30 80 80 06 91 44 97 00 00 01 81 01 01 00 00
        00 00
      00 00
    00 00`,

  /**
   * Q.773 Continue { otid, dtid, dialoguePortion, components }; AARE-apdu { protocol-version, ACN,
   * result [2] accepted (0), result-source-diagnostic [3] { dialogue-service-user [1] null (0) } };
   * ReturnResultLast { invokeID 1, result SEQUENCE { opcode 45, RoutingInfoForSM-Res { imsi, [0] } } }.
   */
  continueAareReturnResult: `
    65 5a
      48 04 11 22 33 44
      49 04 0a 0b 0c 0d
      6b 2a
        28 28
          06 07 00 11 86 05 01 01 01
          a0 1d
            61 1b
              80 02 07 80
              a1 09 06 07 04 00 00 01 00 14 03
              a2 03 02 01 00
              a3 05 a1 03 02 01 00
      6c 20
        a2 1e
          02 01 01
          30 19
            02 01 2d
            30 14
              04 08 32 14 80 10 32 54 76 f8
              a0 08 81 06 91 44 97 00 00 02`,

  /**
   * Q.773 End { dtid, components }; ReturnError { invokeID 1, errorCode local 6 (MAP absentSubscriberSM),
   * parameter SEQUENCE { INTEGER 1 } }.
   */
  endReturnError: `
    64 15
      49 04 11 22 33 44
      6c 0d
        a3 0b
          02 01 01
          02 01 06
          30 03 02 01 01`,

  /** Q.773 End { dtid, components { ReturnResultLast { invokeID 1 } } }: a result without the optional SEQUENCE. */
  endReturnResultEmpty: `
    64 0a
      49 01 01
      6c 05
        a2 03 02 01 01`,

  /** Q.773 Abort { dtid, p-abortCause [APPLICATION 10] unrecognizedTransactionID (1) }. */
  abortP: `
    67 09
      49 04 11 22 33 44
      4a 01 01`,

  /** Q.773 Abort { dtid, u-abortCause DialoguePortion }; ABRT-apdu { abort-source [0] dialogue-service-user (0) }. */
  abortUAbrt: `
    67 1a
      49 04 0a 0b 0c 0d
      6b 12
        28 10
          06 07 00 11 86 05 01 01 01
          a0 05
            64 03 80 01 00`,

  /**
   * Q.773 Abort with a dialogue portion holding AARE-apdu { ACN 0.4.0.0.1.0.20.2, result reject-permanent (1),
   * dialogue-service-user [1] application-context-name-not-supported (2) }, no protocol-version (DEFAULT).
   */
  abortAareReject: `
    67 2e
      49 04 0a 0b 0c 0d
      6b 26
        28 24
          06 07 00 11 86 05 01 01 01
          a0 19
            61 17
              a1 09 06 07 04 00 00 01 00 14 02
              a2 03 02 01 01
              a3 05 a1 03 02 01 02`,

  /**
   * Q.773 Unidirectional { dialoguePortion, components }; UnidialoguePDUs AUDT-apdu under uniDialogue-as-id
   * 0.0.17.773.1.2.1; Invoke { invokeID 5, linkedID [0] 2, opcode global 1.2.840.10045.1 } without parameter.
   */
  unidirectionalAudt: `
    61 32
      6b 1e
        28 1c
          06 07 00 11 86 05 01 02 01
          a0 11
            60 0f
              80 02 07 80
              a1 09 06 07 04 00 00 01 00 19 02
      6c 10
        a1 0e
          02 01 05
          80 01 02
          06 06 2a 86 48 ce 3d 01`,

  /**
   * Q.773 Continue without dialogue portion and four components: Invoke { 127, opcode 59 }; ReturnResultNotLast
   * [7] { invokeID -128, result { opcode 59, OCTET STRING } }; Reject { not-derivable NULL, generalProblem [0]
   * badlyStructuredComponent (2) }; Reject { invokeID 5, returnErrorProblem [3] mistypedParameter (4) }.
   */
  continueFourComponents: `
    65 2f
      48 01 01
      49 02 00 02
      6c 26
        a1 06 02 01 7f 02 01 3b
        a7 0d 02 01 80 30 08 02 01 3b 04 03 0f 33 33
        a4 05 05 00 80 01 02
        a4 06 02 01 05 83 01 04`,

  /** Q.773 Begin without dialogue portion (an application-context-less dialogue, MAP phase 1 style). */
  beginNoDialogue: `
    62 0d
      48 01 05
      6c 08
        a1 06 02 01 01 02 01 2d`,

  /**
   * Q.773 Begin whose dialogue portion is an EXTERNAL with another direct-reference (1.2.3.4) and a
   * single-ASN1-type INTEGER: well formed, decoded to the generic "external" form.
   */
  beginExternalDialogue: `
    62 11
      48 01 01
      6b 0c
        28 0a
          06 03 2a 03 04
          a0 03 02 01 05`,

  /**
   * Q.773 Begin { otid, dialoguePortion } without components; AARQ-apdu with user-information [30] holding
   * one EXTERNAL { 0.4.0.0.1.1.1.1 (MAP map-DialogueAS), [0] map-open [0] { destinationReference [0] } }.
   */
  beginAarqUserInfo: `
    62 3e
      48 04 01 02 03 04
      6b 36
        28 34
          06 07 00 11 86 05 01 01 01
          a0 29
            60 27
              80 02 07 80
              a1 09 06 07 04 00 00 01 00 14 03
              be 16
                28 14
                  06 07 04 00 00 01 01 01 01
                  a0 09 a0 07 80 05 91 44 97 00 10`,
} as const satisfies Record<string, string>;

export type FixtureName = keyof typeof fixtures;

export function fixture(name: FixtureName): Buffer {
  return fromHex(fixtures[name]);
}

/** Every definite-length fixture (the canonical ones the encoder must reproduce octet for octet). */
export const canonicalFixtures: FixtureName[] = (Object.keys(fixtures) as FixtureName[]).filter(
  (n) => !n.endsWith("Indefinite"),
);
