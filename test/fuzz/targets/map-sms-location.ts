/**
 * Fuzz targets for the MAP SMS, USSD, subscriber-information and location codecs and the MAP error
 * parameters: one target per operation and direction, seeded with the hand-built TS 29.002 fixtures of
 * test/codec/map.
 */
import { fromHex } from "../../../src/codec/bytes.js";
import type { MapOperationCodec } from "../../../src/codec/map/codec.js";
import { decodeMapErrorParameter, TYPED_ERROR_CODES } from "../../../src/codec/map/error-parameters.js";
import { anyTimeInterrogation } from "../../../src/codec/map/operations/anyTimeInterrogation.js";
import { moForwardSM } from "../../../src/codec/map/operations/moForwardSM.js";
import { mtForwardSM } from "../../../src/codec/map/operations/mtForwardSM.js";
import { processUnstructuredSSRequest } from "../../../src/codec/map/operations/processUnstructuredSSRequest.js";
import { provideSubscriberInfo } from "../../../src/codec/map/operations/provideSubscriberInfo.js";
import { provideSubscriberLocation } from "../../../src/codec/map/operations/provideSubscriberLocation.js";
import { reportSMDeliveryStatus } from "../../../src/codec/map/operations/reportSMDeliveryStatus.js";
import { sendRoutingInfo } from "../../../src/codec/map/operations/sendRoutingInfo.js";
import { sendRoutingInfoForLCS } from "../../../src/codec/map/operations/sendRoutingInfoForLCS.js";
import { sendRoutingInfoForSM } from "../../../src/codec/map/operations/sendRoutingInfoForSM.js";
import { unstructuredSSNotify } from "../../../src/codec/map/operations/unstructuredSSNotify.js";
import { unstructuredSSRequest } from "../../../src/codec/map/operations/unstructuredSSRequest.js";
import type { FuzzTarget } from "../target.js";

const IMSI = "08 00 01 01 21 43 65 87 f9"; // length + IMSI 001010123456789
const MSISDN = "07 91 44 77 00 09 10 f2"; // length + +44770090012
const SC = "07 91 44 77 00 09 10 32"; // length + +447700900123
const DELIVER = "18 04 0b 91 44 77 00 09 10 f2 00 00 52 10 10 21 43 00 00 05 e8 32 9b fd 06";
const PSI_RES =
  "30 1f 30 1d a0 17 02 01 05 81 07 91 44 77 00 09 50 f1 a3 09 80 07 32 f4 51 12 34 56 78 a1 02 80 00";

// biome-ignore lint/suspicious/noExplicitAny: codecs of different argument and result types
type AnyCodec = MapOperationCodec<any, any>;

function targetsOf(name: string, codec: AnyCodec, args: string[], results: string[]): FuzzTarget[] {
  const out: FuzzTarget[] = [
    {
      name: `map-${name}-arg`,
      seeds: args.map((h) => fromHex(h)),
      decode: (b) => codec.decodeArgument(b, 0, b.length),
    },
  ];
  if (codec.decodeResult && results.length > 0) {
    const decodeResult = codec.decodeResult.bind(codec);
    out.push({
      name: `map-${name}-res`,
      seeds: results.map((h) => fromHex(h)),
      decode: (b) => decodeResult(b, 0, b.length),
    });
  }
  return out;
}

export const targets: FuzzTarget[] = [
  ...targetsOf(
    "sendRoutingInfo",
    sendRoutingInfo,
    ["30 15 80 07 91 44 77 00 09 10 f2 83 01 00 86 07 91 44 77 00 09 99 f7"],
    [
      `a3 22 89 ${IMSI} 04 07 91 44 77 00 09 99 f9 a7 04 a1 02 80 00 8c ${MSISDN}`,
      `30 13 04 ${IMSI} 04 07 91 44 77 00 09 99 f9`,
    ],
  ),
  ...targetsOf(
    "mtForwardSM",
    mtForwardSM,
    [`30 2f 80 ${IMSI} 84 ${SC} 04 ${DELIVER} 05 00`],
    ["30 04 04 02 00 00"],
  ),
  ...targetsOf(
    "sendRoutingInfoForSM",
    sendRoutingInfoForSM,
    [`30 15 80 ${MSISDN} 81 01 ff 82 ${SC}`],
    [
      `30 28 04 ${IMSI} a0 1c 81 07 91 44 77 00 09 20 f1 04 04 01 02 03 04 85 00 a6 09 81 07 91 44 77 00 09 30 f1`,
    ],
  ),
  ...targetsOf(
    "moForwardSM",
    moForwardSM,
    [
      `30 30 84 ${SC} 82 ${MSISDN} 04 12 01 00 0b 91 44 77 00 09 10 f3 00 00 05 e8 32 9b fd 06 04 ${IMSI}`,
      `30 2f 80 ${IMSI} 84 ${SC} 04 ${DELIVER} 05 00`,
    ],
    ["30 07 04 03 01 00 00 30 00"],
  ),
  ...targetsOf(
    "reportSMDeliveryStatus",
    reportSMDeliveryStatus,
    [`30 18 04 ${MSISDN} 04 ${SC} 0a 01 01 80 01 01`],
    [`30 09 04 ${MSISDN}`, `04 ${MSISDN}`],
  ),
  ...targetsOf(
    "processUnstructuredSSRequest",
    processUnstructuredSSRequest,
    [`30 13 04 01 0f 04 05 aa 18 0c 36 02 80 ${MSISDN}`],
    ["30 0e 04 01 0f 04 09 e8 32 9b fd 46 97 d9 ec 37"],
  ),
  ...targetsOf(
    "unstructuredSSRequest",
    unstructuredSSRequest,
    ["30 0f 04 01 0f 04 07 31 d9 8c 56 b3 dd 1a 04 01 05"],
    ["30 06 04 01 0f 04 01 31"],
  ),
  ...targetsOf(
    "unstructuredSSNotify",
    unstructuredSSNotify,
    [`30 12 04 01 48 04 04 00 48 00 69 80 ${MSISDN}`],
    [],
  ),
  ...targetsOf(
    "provideSubscriberInfo",
    provideSubscriberInfo,
    [`30 10 80 ${IMSI} a2 04 80 00 81 00`],
    [PSI_RES],
  ),
  ...targetsOf(
    "anyTimeInterrogation",
    anyTimeInterrogation,
    [
      `30 1a a0 09 81 ${MSISDN} a1 04 80 00 81 00 83 07 91 44 77 00 09 99 f9`,
      `30 1d a0 0a 80 ${IMSI} a1 06 80 00 81 00 83 00 83 07 91 44 77 00 09 99 f9`,
    ],
    [PSI_RES, "30 12 30 10 a0 09 a3 07 81 05 13 00 14 12 34 a1 03 0a 01 01"],
  ),
  ...targetsOf(
    "provideSubscriberLocation",
    provideSubscriberLocation,
    [`30 26 30 03 80 01 00 04 07 91 44 77 00 09 99 f8 a0 03 80 01 00 82 ${IMSI} 83 ${MSISDN}`],
    [
      "30 0d 04 08 10 49 3e 93 ff ed cb 0a 80 01 02",
      "30 17 04 08 10 49 3e 93 ff ed cb 0a a6 09 80 07 32 f4 51 12 34 00 01 87 00",
    ],
  ),
  ...targetsOf(
    "sendRoutingInfoForLCS",
    sendRoutingInfoForLCS,
    [`30 14 80 07 91 44 77 00 09 99 f8 a1 09 81 ${MSISDN}`],
    [`30 1d a0 0a 80 ${IMSI} a1 0f 04 07 91 44 77 00 09 20 f1 80 04 01 02 03 04`],
  ),
  {
    name: "map-error-parameters",
    seeds: [
      `30 10 02 01 01 80 01 02 81 ${IMSI}`,
      "30 08 0a 01 00 04 03 00 d3 00",
      "30 06 0a 01 02 80 01 03",
      "30 05 0a 01 01 81 00",
      "0a 01 05",
    ].map((h) => fromHex(h)),
    // The last octet of the input picks the error code, so one target covers every typed code.
    decode: (b) =>
      decodeMapErrorParameter(
        TYPED_ERROR_CODES[(b[b.length - 1] ?? 0) % TYPED_ERROR_CODES.length]!,
        b,
        0,
        b.length,
      ),
  },
];
