/**
 * MAP-REPORT-SM-DELIVERY-STATUS (TS 29.002 §12.3; operation reportSM-DeliveryStatus, local:47, §17.6.5).
 * After a failed (or, with SRI-SM priority, successful) delivery the SMS-GMSC tells the HLR to set or
 * clear the message-waiting data for the MSISDN; a forged one can make the HLR alert a foreign service
 * centre when the subscriber becomes reachable.
 */
import { BerCursor } from "../../ber/index.js";
import { EncodeError } from "../../errors.js";
import type { MapIdentities, MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  addressField,
  ctx,
  ctxC,
  cursorTag,
  decodeSequenceBody,
  ENUMERATED,
  encodeSequenceParameter,
  expectTag,
  extensionContainerField,
  imsiField,
  integerField,
  isdnField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  openParameter,
  rawField,
  SEQUENCE,
  sequenceParameter,
  topLevelIdentities,
} from "../common.js";
import { MapOperation } from "../operations.js";

/** SM-DeliveryOutcome and extensible ENUMERATEDs are decoded as the number sent. */
const ENUM_MAX = 0x7fffffff;

/**
 * ReportSM-DeliveryStatusArg ::= SEQUENCE { msisdn ISDN-AddressString, serviceCentreAddress AddressString,
 * sm-DeliveryOutcome SM-DeliveryOutcome, absentSubscriberDiagnosticSM [0] OPTIONAL, extensionContainer [1]
 * OPTIONAL, ..., gprsSupportIndicator [2], deliveryOutcomeIndicator [3], additionalSM-DeliveryOutcome [4],
 * additionalAbsentSubscriberDiagnosticSM [5], ip-sm-gw-Indicator [6], ip-sm-gw-sm-deliveryOutcome [7],
 * ip-sm-gw-absentSubscriberDiagnosticSM [8], imsi [9], singleAttemptDelivery [10], correlationID [11] }
 * (TS 29.002 §17.7.6).
 */
export interface ReportSmDeliveryStatusArg extends MapSequenceValue {
  msisdn: AddressString;
  serviceCentreAddress: AddressString;
  /** memoryCapacityExceeded (0), absentSubscriber (1), successfulTransfer (2). */
  smDeliveryOutcome: number;
  /** AbsentSubscriberDiagnosticSM ::= INTEGER (0..255), values of TS 23.040 §3.3.2. */
  absentSubscriberDiagnosticSm?: number;
  extensionContainer?: MapRawTlv;
  gprsSupportIndicator?: true;
  deliveryOutcomeIndicator?: true;
  additionalSmDeliveryOutcome?: number;
  additionalAbsentSubscriberDiagnosticSm?: number;
  ipSmGwIndicator?: true;
  ipSmGwSmDeliveryOutcome?: number;
  ipSmGwAbsentSubscriberDiagnosticSm?: number;
  imsi?: string;
  singleAttemptDelivery?: true;
  correlationId?: MapRawTlv;
}

/**
 * ReportSM-DeliveryStatusRes ::= SEQUENCE { storedMSISDN ISDN-AddressString OPTIONAL, extensionContainer
 * OPTIONAL, ... } (v3). In v2 the result was the bare storedMSISDN ISDN-AddressString: `form: "v2"`.
 */
export interface ReportSmDeliveryStatusRes extends MapSequenceValue {
  form?: "v2";
  storedMsisdn?: AddressString;
  extensionContainer?: MapRawTlv;
}

const ARG: MapSequenceSpec = [
  isdnField("msisdn", OCTET_STRING),
  addressField("serviceCentreAddress", OCTET_STRING, false, 20),
  integerField("smDeliveryOutcome", ENUMERATED, false, 0, ENUM_MAX),
  integerField("absentSubscriberDiagnosticSm", ctx(0), true, 0, 255),
  extensionContainerField(ctxC(1)),
  nullField("gprsSupportIndicator", ctx(2)),
  nullField("deliveryOutcomeIndicator", ctx(3)),
  integerField("additionalSmDeliveryOutcome", ctx(4), true, 0, ENUM_MAX),
  integerField("additionalAbsentSubscriberDiagnosticSm", ctx(5), true, 0, 255),
  nullField("ipSmGwIndicator", ctx(6)),
  integerField("ipSmGwSmDeliveryOutcome", ctx(7), true, 0, ENUM_MAX),
  integerField("ipSmGwAbsentSubscriberDiagnosticSm", ctx(8), true, 0, 255),
  imsiField("imsi", ctx(9), true),
  nullField("singleAttemptDelivery", ctx(10)),
  rawField("correlationId", ctxC(11)),
];

const STORED_MSISDN = isdnField("storedMsisdn", OCTET_STRING, true);

const RES: MapSequenceSpec = [STORED_MSISDN, extensionContainerField()];

const ARGUMENT = sequenceParameter<ReportSmDeliveryStatusArg>(ARG, SEQUENCE, "ReportSM-DeliveryStatusArg");

export const reportSMDeliveryStatus: MapOperationCodec<ReportSmDeliveryStatusArg, ReportSmDeliveryStatusRes> =
  {
    opcode: MapOperation.reportSMDeliveryStatus,
    decodeArgument: ARGUMENT.decode,
    encodeArgument: ARGUMENT.encode,
    decodeResult(bytes, start, end) {
      const c = openParameter(new BerCursor(bytes), start, end);
      if (cursorTag(c) === OCTET_STRING) {
        return { form: "v2", storedMsisdn: STORED_MSISDN.decode(bytes, c) as AddressString };
      }
      expectTag(c, SEQUENCE, "ReportSM-DeliveryStatusRes");
      return decodeSequenceBody<ReportSmDeliveryStatusRes>(
        RES,
        "ReportSM-DeliveryStatusRes",
        bytes,
        c.valueStart,
        c.valueEnd,
        c,
      );
    },
    encodeResult(w, value) {
      if (value.form === "v2") {
        if (!value.storedMsisdn) {
          throw new EncodeError(
            "map",
            "ReportSM-DeliveryStatusRes.storedMsisdn",
            "is mandatory in the v2 form",
          );
        }
        STORED_MSISDN.encode(w, value.storedMsisdn);
      } else {
        encodeSequenceParameter(w, RES, SEQUENCE, "ReportSM-DeliveryStatusRes", value);
      }
    },
    identities(v): MapIdentities {
      const res = v as ReportSmDeliveryStatusRes;
      if (res.storedMsisdn) return { msisdn: res.storedMsisdn.digits };
      return topLevelIdentities(v);
    },
  };
