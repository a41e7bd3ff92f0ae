/**
 * The answers the firewall sends back to the originator of a blocked message instead of forwarding it:
 * an SCCP unitdata service message (`drop-with-udts`), a TCAP P-Abort (`tcap-abort`) or a TCAP End with a MAP
 * ReturnError (`map-error`). Each is one M3UA DATA message built from the scanned message (`Ss7Scan`), so the
 * engine can answer from the hot path's view without a full decode. Not itself on the hot path (only blocked
 * messages get here), but it allocates only the encoded layers.
 *
 * Common to every answer:
 *  - MTP3 routing label (RFC 4666 §3.3.1 Protocol Data): OPC and DPC of the original swapped, the same SLS
 *    (so the answer takes the signalling link the dialogue's messages take), SI 3 (SCCP), MP 0. The scan does not keep the
 *    original network indicator, so NI is `FirewallResponseOptions.networkIndicator`, default 2 (national), as
 *    the lab's interconnect uses (src/lab/capture.ts); pass the association's NI when it differs.
 *  - SCCP addresses swapped as received: the called party of the answer is the original calling party
 *    address octet for octet, and the calling party is the original called party (the firewall answers in the
 *    name of the node the message was aimed at). Nothing is re-encoded, so a GT the codec would normalise
 *    (spare bits, unusual indicators) goes back exactly as the originator wrote it.
 *  - An original that is itself a service message (UDTS, XUDTS, LUDTS: a message the network returned) is
 *    never answered (Q.714's message return procedure: no service message about a service message, which
 *    could loop), so
 *    every action gives undefined for it.
 */
import { ByteWriter } from "../codec/bytes.js";
import { EncodeError } from "../codec/errors.js";
import { encodeM3ua, m3uaData } from "../codec/m3ua/index.js";
import { MapErrorCode } from "../codec/map/errors.js";
import {
  SCCP_MAX_HOP_COUNTER,
  SCCP_MAX_LONG_DATA_LENGTH,
  SCCP_MAX_MTP_MESSAGE_LENGTH,
  SCCP_MAX_SEGMENTS,
  SccpMessageType,
  SccpParameterName,
  SccpReturnCause,
} from "../codec/sccp/index.js";
import type { Ss7Scan } from "../codec/stack/scan.js";
import {
  AssociateResult,
  ComponentType,
  DialogueServiceUserDiagnostic,
  encodeTcap,
  PAbortCause,
  ProtocolVersion,
  ScanDialogue,
  TcapMessageType,
  type TcapMessageValue,
  tidHex,
} from "../codec/tcap/index.js";

/** Q.713 §3.12 return causes a firewall typically answers with (the full table is `SccpReturnCause`). */
export const FirewallReturnCause = {
  /** 0: the GT's nature of address cannot be translated here. */
  noTranslationForAnAddressOfSuchNature: SccpReturnCause.noTranslationForAnAddressOfSuchNature,
  /** 1: this GT is not routable here: what an STP answers for an address it does not serve. */
  noTranslationForThisSpecificAddress: SccpReturnCause.noTranslationForThisSpecificAddress,
  /** 3: the addressed subsystem is down. */
  subsystemFailure: SccpReturnCause.subsystemFailure,
  /** 4: the addressed subsystem is not equipped at that node. */
  unequippedUser: SccpReturnCause.unequippedUser,
  /** 7: no reason given. */
  unqualified: SccpReturnCause.unqualified,
} as const;

/**
 * Return cause when a policy rule asks for `drop-with-udts` without naming one: "no translation for this
 * specific address" makes the originator's SCCP treat the GT as unroutable through this network, which is
 * what an STP without a route would say, and reveals nothing about why.
 */
export const DEFAULT_RETURN_CAUSE: number = FirewallReturnCause.noTranslationForThisSpecificAddress;

/**
 * P-Abort cause when `tcap-abort` names none: Q.773 resourceLimitation, i.e. "the peer's TC could not take
 * this transaction". The originating MAP user sees a MAP-P-ABORT (TS 29.002 §16, mapping onto TC: provider
 * reason resource limitation), not a refusal by the destination's application; the other causes (unrecognized
 * message type or transaction ID, badly formatted / incorrect transaction portion) would each claim a fault
 * in the message that is not there, and unrecognizedTransactionID makes no sense for a Begin.
 */
export const DEFAULT_P_ABORT_CAUSE: number = PAbortCause.resourceLimitation;

/** TS 29.002 §17.6.6 errors a firewall typically returns in `map-error` (the full table is `MapErrorCode`). */
export const FirewallMapError = {
  /** 21: the requested facility is not supported by the PLMN (the usual answer to category 1 probes). */
  facilityNotSupported: MapErrorCode.facilityNotSupported,
  /** 34 */
  systemFailure: MapErrorCode.systemFailure,
  /** 35 */
  dataMissing: MapErrorCode.dataMissing,
  /** 36: an argument value is not acceptable. */
  unexpectedDataValue: MapErrorCode.unexpectedDataValue,
  /** 1 */
  unknownSubscriber: MapErrorCode.unknownSubscriber,
  /** 49: anyTimeInterrogation not allowed for this requester. */
  atiNotAllowed: MapErrorCode.atiNotAllowed,
} as const;

/** What the firewall answers with (the verdicts `allow` and `drop` send nothing). */
export type FirewallResponse =
  /** SCCP UDTS (XUDTS, LUDTS) returning the message's user data with this Q.713 §3.12 return cause (0–255). */
  | { action: "drop-with-udts"; returnCause: number }
  /** TCAP Abort with a P-AbortCause (Q.773, 0–127), default `DEFAULT_P_ABORT_CAUSE`. */
  | { action: "tcap-abort"; pAbortCause?: number }
  /** TCAP End carrying a ReturnError with this local MAP error code (TS 29.002 §17.6, 0–255). */
  | { action: "map-error"; errorCode: number };

export interface FirewallResponseOptions {
  /**
   * Network indicator of the answer's routing label (Q.704 §14.2.2). Default 2 (national network), since
   * `Ss7Scan` does not carry the original's; give the association's value when it is not 2.
   */
  networkIndicator?: number;
  /** M3UA Routing Context of the association toward the originator (RFC 4666 §3.3.1); absent by default. */
  routingContext?: number;
}

/** Q.704 §14.2.1: service indicator of SCCP. */
const SI_SCCP = 3;
/** Q.704 §14.2.2: network indicator binary 10 = national network. */
const NI_NATIONAL = 2;
/** Q.713 §3.6: classes 0 and 1 are the connectionless ones. */
const CLASS_IN_SEQUENCE = 1;
/** Q.713 §3.17: segmentation is a 4-octet parameter (plus its name and length indicator octets). */
const SEGMENTATION_PARAMETER_LENGTH = 6;

/**
 * The M3UA DATA message to send back toward the originator in place of forwarding `scan`, or undefined when
 * this message admits no such answer:
 *  - any action, when the original is a UDTS/XUDTS/LUDTS (see the module comment);
 *  - `drop-with-udts`: the answer is the unitdata service message of the original's kind (UDT → UDTS,
 *    XUDT → XUDTS, LUDT → LUDTS) with the return cause, the swapped addresses and the original SCCP user data
 *    (the TCAP octets, undecodable or not). Q.714 returns a message only when its return option was set
 *    (Q.713 §3.6 "return message on error"); the answer is built regardless, since the policy decides whether
 *    to return (a GT that sets no return option must not be able to hide from it). A reassembled XUDT is
 *    returned whole in one unsegmented XUDTS when that fits one XUDTS (255 octets of data, 268 octets of
 *    SCCP for the MTP's 272-octet SIF, Q.703 §2.3.8); else, as Q.714 returns only the first segment of a
 *    segmented message, the XUDTS carries the leading part of the data that fits, with a segmentation
 *    parameter marking it as the first segment (F = 1, the original's class and local reference, the
 *    remaining count of the whole at that segment size). Undefined only if the addresses leave no room.
 *  - `tcap-abort`: needs the originator's transaction ID, so only for a Begin or a Continue with decodable
 *    TCAP: an Abort with dtid = the message's otid and a P-AbortCause. End, Abort and Unidirectional (no
 *    transaction to abort at the sender) and undecodable TCAP give undefined. A P-Abort rather than a
 *    U-Abort: it carries no dialogue portion, so it is correct for every dialogue state (a U-Abort answering
 *    a Begin with an AARQ would have to carry an AARE with a rejection, one in an established dialogue an
 *    ABRT, one in a MAP v1 dialogue nothing), and it tells the originator the transaction failed, not that
 *    the destination's application refused it.
 *  - `map-error`: only for a Begin or Continue whose first component is an Invoke: an End with dtid = the
 *    otid and one ReturnError (the Invoke's invoke ID, the local error code, no parameter). A Begin carrying
 *    an AARQ is answered with an AARE echoing its application-context-name, result accepted, diagnostic
 *    dialogue-service-user null (Q.774 dialogue handling: the first backward message of a dialogue opened
 *    with a dialogue portion carries the AARE; in MAP terms, TS 29.002 §16, the MAP-OPEN is accepted, the
 *    service answered with an error and the dialogue closed by a TC-END). A Begin without a dialogue portion
 *    (MAP v1) gets an End without one; a Begin with some other dialogue portion (no application context to
 *    echo) gives undefined. A Continue is answered by an End without dialogue portion (the dialogue is
 *    established already). Only the first component is answered; any further ones die with the dialogue.
 *
 * Out-of-range causes, codes or network indicator throw EncodeError (whether or not the message is
 * answerable). Read `scan` inside the scanner's callback (it is reused).
 */
export function encodeFirewallResponse(
  scan: Ss7Scan,
  response: FirewallResponse,
  options: FirewallResponseOptions = {},
): Uint8Array | undefined {
  // Values are checked before anything else, so a bad rule fails on the first message, answerable or not.
  const ni = checkRange("m3ua", "networkIndicator", options.networkIndicator ?? NI_NATIONAL, 3);
  let code: number;
  switch (response.action) {
    case "drop-with-udts":
      code = checkRange("sccp", "returnCause", response.returnCause, 255);
      break;
    case "tcap-abort":
      code = checkRange("tcap", "pAbortCause", response.pAbortCause ?? DEFAULT_P_ABORT_CAUSE, 127);
      break;
    case "map-error":
      code = checkRange("tcap", "errorCode", response.errorCode, 255);
      break;
    default:
      throw new EncodeError(
        "tcap",
        "action",
        `unknown response ${JSON.stringify((response as { action: unknown }).action)}`,
      );
  }
  const kind = answerKind(scan.sccp.messageType);
  if (kind === undefined) return undefined;
  const sccp =
    response.action === "drop-with-udts"
      ? encodeService(scan, kind, code)
      : response.action === "tcap-abort"
        ? encodeAbort(scan, kind, code)
        : encodeMapError(scan, kind, code);
  if (sccp === undefined) return undefined;
  return encodeM3ua(
    m3uaData({ opc: scan.dpc, dpc: scan.opc, si: SI_SCCP, ni, mp: 0, sls: scan.sls }, sccp, {
      routingContext: options.routingContext,
    }),
  );
}

/** The three message families an answer is sent in, by the original's type; undefined = do not answer. */
type AnswerKind = "unit" | "extended" | "long";

function answerKind(messageType: number): AnswerKind | undefined {
  switch (messageType) {
    case SccpMessageType.unitdata:
      return "unit";
    case SccpMessageType.extendedUnitdata:
      return "extended";
    case SccpMessageType.longUnitdata:
      return "long";
    default:
      return undefined;
  }
}

function checkRange(layer: "sccp" | "tcap" | "m3ua", field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new EncodeError(layer, field, `must be an integer 0–${max}, got ${String(value)}`);
  }
  return value;
}

/** The original SCCP user data: reassembled (the scanner scanned TCAP from it), else a view of the message. */
function userData(scan: Ss7Scan): Uint8Array {
  const v = scan.sccp;
  // A segmented message reaches the callback with its whole user data, from index 0, in `tcap.bytes`.
  return v.segmented ? scan.tcap.bytes : scan.sccpBytes.subarray(v.dataStart, v.dataEnd);
}

function encodeService(scan: Ss7Scan, kind: AnswerKind, returnCause: number): Uint8Array | undefined {
  const type =
    kind === "unit"
      ? SccpMessageType.unitdataService
      : kind === "extended"
        ? SccpMessageType.extendedUnitdataService
        : SccpMessageType.longUnitdataService;
  const data = userData(scan);
  const v = scan.sccp;
  // A reassembled LUDT could in theory exceed what one LUDTS carries (Q.713 §4.20).
  if (kind === "long" && data.length > SCCP_MAX_LONG_DATA_LENGTH) return undefined;
  if (kind !== "extended" || !v.segmented) return writeSccp(scan, kind, type, returnCause, data);
  const whole = sccpLength(scan, kind, data.length, false);
  if (data.length <= 255 && whole <= SCCP_MAX_MTP_MESSAGE_LENGTH) {
    return writeSccp(scan, kind, type, returnCause, data);
  }
  // Q.714: of a segmented message only the first segment is returned.
  const room = Math.min(255, SCCP_MAX_MTP_MESSAGE_LENGTH - sccpLength(scan, kind, 0, true));
  if (room < 1) return undefined;
  const segments = Math.min(SCCP_MAX_SEGMENTS, Math.ceil(data.length / room));
  return writeSccp(scan, kind, type, returnCause, data.subarray(0, room), {
    segmentationClass: v.segmentationClass === 0 ? 0 : 1,
    remainingSegments: segments - 1,
    localReference: v.localReference,
  });
}

function encodeAbort(scan: Ss7Scan, kind: AnswerKind, pAbortCause: number): Uint8Array | undefined {
  const t = scan.tcap;
  if (!scan.tcapValid || !hasSenderTransaction(t.messageType, t.otidLength)) return undefined;
  const tcap = encodeTcap({ type: "abort", dtid: tidHex(t.otid, t.otidLength), pAbortCause });
  return writeSccp(scan, kind, unitdataType(kind), protocolClassOctet(scan), tcap);
}

function encodeMapError(scan: Ss7Scan, kind: AnswerKind, errorCode: number): Uint8Array | undefined {
  const t = scan.tcap;
  if (!scan.tcapValid || !hasSenderTransaction(t.messageType, t.otidLength)) return undefined;
  if (t.componentType !== ComponentType.invoke || !t.hasInvokeId) return undefined;
  const end: TcapMessageValue = {
    type: "end",
    dtid: tidHex(t.otid, t.otidLength),
    components: [
      { type: "returnError", invokeId: t.invokeId, errorCode: { type: "local", value: errorCode } },
    ],
  };
  if (t.messageType === TcapMessageType.begin) {
    if (t.dialogue === ScanDialogue.aarq) {
      const applicationContext = t.applicationContext();
      if (applicationContext === undefined) return undefined;
      end.dialogue = {
        type: "aare",
        protocolVersion: ProtocolVersion.version1,
        applicationContext,
        result: AssociateResult.accepted,
        diagnosticSource: "dialogueServiceUser",
        diagnostic: DialogueServiceUserDiagnostic.null,
      };
    } else if (t.dialogue !== ScanDialogue.none) {
      return undefined;
    }
  }
  return writeSccp(scan, kind, unitdataType(kind), protocolClassOctet(scan), encodeTcap(end));
}

/** Begin and Continue carry the sender's otid, which the answer addresses as its dtid. */
function hasSenderTransaction(messageType: number, otidLength: number): boolean {
  return (
    (messageType === TcapMessageType.begin || messageType === TcapMessageType.continue) && otidLength > 0
  );
}

function unitdataType(kind: AnswerKind): number {
  return kind === "unit"
    ? SccpMessageType.unitdata
    : kind === "extended"
      ? SccpMessageType.extendedUnitdata
      : SccpMessageType.longUnitdata;
}

/**
 * Q.713 §3.6 protocol class of an answer inside the dialogue: the original's class (0 or 1; for segments the
 * class requested for the whole), without the return option (nobody would receive a UDTS about it).
 */
function protocolClassOctet(scan: Ss7Scan): number {
  const v = scan.sccp;
  const requested = v.segmented ? v.segmentationClass : v.protocolClass;
  return requested === 0 ? 0 : CLASS_IN_SEQUENCE;
}

interface FirstSegment {
  segmentationClass: 0 | 1;
  remainingSegments: number;
  localReference: number;
}

/** Encoded length of the answer with `dataLength` octets of data (and a segmentation parameter). */
function sccpLength(scan: Ss7Scan, kind: AnswerKind, dataLength: number, segmented: boolean): number {
  const v = scan.sccp;
  const ps = kind === "long" ? 2 : 1;
  const fixed = kind === "unit" ? 1 : 2;
  const pointers = kind === "unit" ? 3 : 4;
  const optional = segmented ? SEGMENTATION_PARAMETER_LENGTH + 1 : 0;
  return (
    1 +
    fixed +
    pointers * ps +
    1 +
    (v.callingEnd - v.callingStart) +
    1 +
    (v.calledEnd - v.calledStart) +
    ps +
    dataLength +
    optional
  );
}

/**
 * Writes one connectionless message (Q.713 §4.10/4.11 UDT/UDTS, §4.18–4.21 XUDT/XUDTS/LUDT/LUDTS) in the
 * canonical layout `encodeSccp` uses, with the called and calling party addresses copied from the original
 * (its calling address as called, its called address as calling). `first` is the protocol class octet or the
 * return cause. A new extended message starts with the full hop counter (Q.713 §3.18: 15).
 */
function writeSccp(
  scan: Ss7Scan,
  kind: AnswerKind,
  type: number,
  first: number,
  data: Uint8Array,
  segment?: FirstSegment,
): Uint8Array {
  const v = scan.sccp;
  const src = scan.sccpBytes;
  const ps = kind === "long" ? 2 : 1;
  const pointerCount = kind === "unit" ? 3 : 4;
  const w = new ByteWriter(sccpLength(scan, kind, data.length, segment !== undefined));
  w.u8(type).u8(first);
  if (kind !== "unit") w.u8(SCCP_MAX_HOP_COUNTER);
  const pointersAt = w.length;
  for (let i = 0; i < pointerCount * ps; i++) w.u8(0);
  const targets: number[] = [w.length];
  w.u8(v.callingEnd - v.callingStart).bytes(src.subarray(v.callingStart, v.callingEnd));
  targets.push(w.length);
  w.u8(v.calledEnd - v.calledStart).bytes(src.subarray(v.calledStart, v.calledEnd));
  targets.push(w.length);
  if (ps === 2) w.u8(data.length & 0xff).u8(data.length >> 8);
  else w.u8(data.length);
  w.bytes(data);
  if (segment !== undefined) {
    // Q.713 §3.17: F bit, C bit (class), remaining segments; local reference least significant octet first.
    const ref = segment.localReference;
    targets.push(w.length);
    w.u8(SccpParameterName.segmentation)
      .u8(4)
      .u8(0x80 | (segment.segmentationClass << 6) | segment.remainingSegments)
      .u8(ref & 0xff)
      .u8((ref >> 8) & 0xff)
      .u8((ref >> 16) & 0xff)
      .u8(SccpParameterName.endOfOptionalParameters);
  }
  const out = w.finish();
  // Q.713 §2.3: a pointer counts from itself (a two-octet pointer: from its second octet) to its parameter's
  // length indicator; the optional-part pointer stays 0 when there is no optional part.
  for (let i = 0; i < targets.length; i++) {
    const p = pointersAt + i * ps;
    const rel = targets[i]! - (p + ps - 1);
    if (rel > (ps === 1 ? 0xff : 0xffff)) {
      throw new EncodeError("sccp", "pointer", `parameter ${rel} octets away does not fit a pointer`);
    }
    out[p] = rel & 0xff;
    if (ps === 2) out[p + 1] = rel >> 8;
  }
  return out;
}
