/**
 * M3UA messages built by hand from the field layouts of RFC 4666 §3 (one per message type), shared by the
 * tests and the fuzz target. Each entry names the clause whose figure it follows. Octets are grouped as
 * the RFC draws them: common header (8), then each parameter's tag/length, value and zero padding.
 * The encodings were also read back with tshark 4.0.17's M3UA dissector (text2pcap -S 2905,2905,3).
 */
export interface M3uaFixture {
  name: string;
  clause: string;
  hex: string;
}

export const M3UA_FIXTURES: readonly M3uaFixture[] = [
  {
    name: "DATA with Network Appearance, Routing Context, Protocol Data and Correlation Id",
    clause: "RFC 4666 §3.3.1",
    // User data: an SCCP UDT (Q.713 §4.10) carrying an SCMG SSA for SSN 8 (Q.713 §5.3).
    hex: `01 00 01 01 00000044
          0200 0008 00000008
          0006 0008 00000064
          0210 0021 000004d2 0000162e 03 02 00 07
                    09 80 03 05 07 02 42 01 02 42 01 05 01 08 2e 16 00 000000
          0013 0008 0000004d`,
  },
  {
    name: "DUNA with Routing Context and two Affected Point Codes",
    clause: "RFC 4666 §3.4.1",
    hex: `01 00 02 01 0000001c
          0006 0008 00000005
          0012 000c 00 001234 02 0000ff`,
  },
  {
    name: "DAVA with Network Appearance and one Affected Point Code",
    clause: "RFC 4666 §3.4.2",
    hex: `01 00 02 02 00000018
          0200 0008 00000001
          0012 0008 00 001234`,
  },
  {
    name: "DAUD with an Affected Point Code and an INFO String",
    clause: "RFC 4666 §3.4.3",
    hex: `01 00 02 03 0000001c
          0012 0008 00 001234
          0004 000a 61 75 64 69 74 3f 0000`,
  },
  {
    name: "SCON with Affected Point Code, Concerned Destination and Congestion Indications",
    clause: "RFC 4666 §3.4.4",
    hex: `01 00 02 04 00000020
          0012 0008 00 001234
          0206 0008 00 00004d
          0205 0008 000000 02`,
  },
  {
    name: "DUPU with Affected Point Code and User/Cause (unequipped ISUP)",
    clause: "RFC 4666 §3.4.5",
    hex: `01 00 02 05 00000018
          0012 0008 00 001234
          0204 0008 0001 0005`,
  },
  {
    name: "DRST with one Affected Point Code",
    clause: "RFC 4666 §3.4.6",
    hex: `01 00 02 06 00000010
          0012 0008 00 000042`,
  },
  {
    name: "ASPUP with ASP Identifier and INFO String",
    clause: "RFC 4666 §3.5.1",
    hex: `01 00 03 01 00000018
          0011 0008 00000001
          0004 0007 73 73 37 00`,
  },
  {
    name: "ASPUP ACK without parameters",
    clause: "RFC 4666 §3.5.2",
    hex: "01 00 03 04 00000008",
  },
  {
    name: "ASPDN without parameters",
    clause: "RFC 4666 §3.5.3",
    hex: "01 00 03 02 00000008",
  },
  {
    name: "ASPDN ACK with an INFO String",
    clause: "RFC 4666 §3.5.4",
    hex: `01 00 03 05 00000010
          0004 0008 62 79 65 21`,
  },
  {
    name: "BEAT with five octets of Heartbeat Data",
    clause: "RFC 4666 §3.5.5",
    hex: `01 00 03 03 00000014
          0009 0009 de ad be ef 01 000000`,
  },
  {
    name: "BEAT ACK echoing the Heartbeat Data",
    clause: "RFC 4666 §3.5.6",
    hex: `01 00 03 06 00000014
          0009 0009 de ad be ef 01 000000`,
  },
  {
    name: "REG REQ with a Routing Key (LRK-Id, Traffic Mode, DPC, NA, SI list, OPC list)",
    clause: "RFC 4666 §3.6.1",
    hex: `01 00 09 01 0000003c
          0207 0034
            020a 0008 00000001
            000b 0008 00000002
            020b 0008 00 001234
            0200 0008 00000008
            020c 0005 03 000000
            020e 0008 00 0004d2`,
  },
  {
    name: "REG RSP with a Registration Result (LRK-Id, Registration Status, Routing Context)",
    clause: "RFC 4666 §3.6.2",
    hex: `01 00 09 02 00000024
          0208 001c
            020a 0008 00000001
            0212 0008 00000000
            0006 0008 00000064`,
  },
  {
    name: "DEREG REQ with a Routing Context",
    clause: "RFC 4666 §3.6.3",
    hex: `01 00 09 03 00000010
          0006 0008 00000064`,
  },
  {
    name: "DEREG RSP with a Deregistration Result (Routing Context, Deregistration Status)",
    clause: "RFC 4666 §3.6.4",
    hex: `01 00 09 04 0000001c
          0209 0014
            0006 0008 00000064
            0213 0008 00000004`,
  },
  {
    name: "ASPAC with Traffic Mode Type loadshare and two Routing Contexts",
    clause: "RFC 4666 §3.7.1",
    hex: `01 00 04 01 0000001c
          000b 0008 00000002
          0006 000c 00000001 00000002`,
  },
  {
    name: "ASPAC ACK with Traffic Mode Type override and a Routing Context",
    clause: "RFC 4666 §3.7.2",
    hex: `01 00 04 03 00000018
          000b 0008 00000001
          0006 0008 00000001`,
  },
  {
    name: "ASPIA with a Routing Context",
    clause: "RFC 4666 §3.7.3",
    hex: `01 00 04 02 00000010
          0006 0008 00000001`,
  },
  {
    name: "ASPIA ACK with a Routing Context",
    clause: "RFC 4666 §3.7.4",
    hex: `01 00 04 04 00000010
          0006 0008 00000001`,
  },
  {
    name: "ERR Invalid Routing Context with the Routing Context and Diagnostic Information",
    clause: "RFC 4666 §3.8.1",
    hex: `01 00 00 00 00000020
          000c 0008 00000019
          0006 0008 00000009
          0007 0007 aa bb cc 00`,
  },
  {
    name: "NTFY AS-State_Change AS-ACTIVE with ASP Identifier",
    clause: "RFC 4666 §3.8.2",
    hex: `01 00 00 01 00000018
          000d 0008 0001 0003
          0011 0008 0000002a`,
  },
];
