/**
 * One SS7 message as ss7guard reports it (`ss7guard decode --json` prints one per line). Field names are the
 * protocol terms and map onto Wireshark's: `sccp.calling.gt` ↔ `sccp.calling.digits`,
 * `components[].opcode` ↔ `gsm_old.localValue`, `components[].imsi` ↔ `e212.imsi`.
 */
import type { MapJson } from "../map/json.js";

export interface Ss7Address {
  /** Q.713 §3.4.1 routing indicator. */
  ri: "gt" | "ssn";
  gt?: string;
  ssn?: number;
  pc?: number;
  tt?: number;
  np?: number;
  nai?: number;
}

export type Ss7ComponentType =
  | "invoke"
  | "returnResultLast"
  | "returnResultNotLast"
  | "returnError"
  | "reject";

export interface Ss7Component {
  type: Ss7ComponentType;
  /** Absent only on a Reject whose invoke ID was not derivable. */
  invokeId?: number;
  linkedId?: number;
  /** Local operation code (Invoke, and ReturnResult when it carries one). */
  opcode?: number;
  /** Global operation code as a dotted OID, when the peer used one. */
  opcodeOid?: string;
  /** TS 29.002 name in camelCase. */
  operation?: string;
  errorCode?: number;
  error?: string;
  /** Reject: Q.773 problem type and code. */
  problemType?: string;
  problem?: number;
  imsi?: string;
  msisdn?: string;
  /** The typed MAP argument (Invoke) or result (ReturnResult), for operations ss7guard has a codec for. */
  argument?: MapJson;
  result?: MapJson;
  /** The parameter's bytes (tag included) in hex, for operations without a typed codec. */
  parameter?: string;
  /** Why the MAP parameter could not be decoded, when it could not (the component is still reported). */
  parameterError?: string;
}

export type TcapTypeName = "Unidirectional" | "Begin" | "Continue" | "End" | "Abort";

export interface Ss7Tcap {
  type: TcapTypeName;
  otid?: string;
  dtid?: string;
  /** Application-context name, dotted OID. */
  acn?: string;
  /** AARQ | AARE | ABRT | AUDT */
  dialogue?: string;
  pAbortCause?: number;
  /** The MAP dialogue PDU in the dialogue portion (TS 29.002 §17.3.4), when there is one. */
  mapDialogue?: Ss7MapDialogue;
}

/** An AddressString: digits with nature of address and numbering plan (TS 29.002 §17.7.8). */
export interface Ss7Number {
  digits: string;
  nai: number;
  /** 1 = E.164 (an MSISDN or node number), 6 = E.212 (an IMSI). */
  np: number;
}

export interface Ss7MapDialogue {
  pdu: string;
  destinationReference?: Ss7Number;
  originatingReference?: Ss7Number;
}

export interface Ss7Message {
  /** 1-based packet index, as tshark's frame.number (the frame of the last segment for reassembled data). */
  frame: number;
  /** Capture time: seconds and nanoseconds since the epoch. */
  seconds: number;
  nanoseconds: number;
  transport: "sctp" | "tcp";
  /** Signalling transport carrying MTP3-user data. */
  sigtran: "m3ua" | "m2pa";
  src: string;
  dst: string;
  opc: number;
  dpc: number;
  si: number;
  ni: number;
  sls: number;
  sccp: {
    type: string;
    calling: Ss7Address;
    called: Ss7Address;
    returnCause?: number;
    /** True when the TCAP below was reassembled from XUDT segments. */
    reassembled?: boolean;
  };
  tcap?: Ss7Tcap;
  components: Ss7Component[];
  /** Set when a layer above SCCP could not be decoded: "layer: reason at offset N". */
  error?: string;
}

/** ISO 8601 with nanoseconds, UTC: 2026-01-01T00:00:00.000000001Z. */
export function isoTime(seconds: number, nanoseconds: number): string {
  // Date covers years 0000–9999 in ISO form; a capture's 64-bit timestamps can say anything.
  if (!(seconds >= -62167219200 && seconds <= 253402300799))
    return `${seconds}.${String(nanoseconds).padStart(9, "0")}s`;
  const base = new Date(seconds * 1000).toISOString(); // …T00:00:00.000Z
  return `${base.slice(0, 19)}.${String(nanoseconds).padStart(9, "0")}Z`;
}
