import type { Mtp3Variant } from "../../../src/codec/mtp3/index.js";

/**
 * M2PA messages built by hand from RFC 4165's figures: common header (§2.1: version, spare, class 11,
 * type, length), M2PA header (§2.2: unused octet + 24-bit BSN, unused octet + 24-bit FSN), then the
 * message body (§2.3). Read back with tshark 4.0.17 (text2pcap -S 3565,3565,5; -o mtp3.standard:ANSI for
 * the ANSI one).
 */
export interface M2paFixture {
  name: string;
  clause: string;
  variant: Mtp3Variant;
  hex: string;
}

export const M2PA_FIXTURES: readonly M2paFixture[] = [
  {
    name: "User Data carrying an ITU MSU",
    clause: "RFC 4165 §2.3.1, Q.704 §2.2",
    variant: "itu",
    // PRI/spare octet 00, SIO 83 (national, SCCP), label DPC 5678 / OPC 1234 / SLS 9, then an SCCP UDT.
    hex: `01 00 0b 01 00000027
          00 010203 00 040506
          00 83 2e 96 34 91 09 80 03 05 07 02 42 01 02 42 01 05 01 08 2e 16 00`,
  },
  {
    name: "User Data carrying an ANSI MSU with PRI 2",
    clause: "RFC 4165 §2.3.1, T1.111.4 §2.2",
    variant: "ansi",
    hex: `01 00 0b 01 0000001c
          00 000005 00 000007
          80 83 03 02 01 06 05 04 1f 01 02 03`,
  },
  {
    name: "empty User Data (acknowledgement)",
    clause: "RFC 4165 §2.3.1",
    variant: "itu",
    hex: "01 00 0b 01 00000010 00 000005 00 000007",
  },
  {
    name: "Link Status Ready",
    clause: "RFC 4165 §2.3.2",
    variant: "itu",
    hex: "01 00 0b 02 00000014 00 ffffff 00 ffffff 00000004",
  },
  {
    name: "Link Status Proving Normal with filler",
    clause: "RFC 4165 §2.3.2",
    variant: "itu",
    hex: "01 00 0b 02 00000018 00 ffffff 00 ffffff 00000002 de ad be ef",
  },
  {
    name: "undefined message type 3",
    clause: "RFC 4165 §2.1.4",
    variant: "itu",
    hex: "01 00 0b 03 00000012 00 000001 00 000002 ab cd",
  },
];
