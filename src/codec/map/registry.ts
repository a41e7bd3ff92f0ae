/**
 * MAP operation codecs by opcode (TS 29.002 §17.5 operation codes). Operations listed here decode to
 * typed values; every other opcode stays opcode + raw parameter (see `codec.ts`).
 *
 * Maintenance rule (two engineers add to this file in parallel): one import per line, one entry per
 * line, each in its section. Biome keeps the imports sorted.
 */
import type { MapOperationCodec } from "./codec.js";
import { anyTimeInterrogation } from "./operations/anyTimeInterrogation.js";
import { cancelLocation } from "./operations/cancelLocation.js";
import { deleteSubscriberData } from "./operations/deleteSubscriberData.js";
import { insertSubscriberData } from "./operations/insertSubscriberData.js";
import { moForwardSM } from "./operations/moForwardSM.js";
import { mtForwardSM } from "./operations/mtForwardSM.js";
import { processUnstructuredSSRequest } from "./operations/processUnstructuredSSRequest.js";
import { provideRoamingNumber } from "./operations/provideRoamingNumber.js";
import { provideSubscriberInfo } from "./operations/provideSubscriberInfo.js";
import { provideSubscriberLocation } from "./operations/provideSubscriberLocation.js";
import { purgeMS } from "./operations/purgeMS.js";
import { registerSS } from "./operations/registerSS.js";
import { reportSMDeliveryStatus } from "./operations/reportSMDeliveryStatus.js";
import { reset } from "./operations/reset.js";
import { sendAuthenticationInfo } from "./operations/sendAuthenticationInfo.js";
import { sendIMSI } from "./operations/sendIMSI.js";
import { sendRoutingInfo } from "./operations/sendRoutingInfo.js";
import { sendRoutingInfoForLCS } from "./operations/sendRoutingInfoForLCS.js";
import { sendRoutingInfoForSM } from "./operations/sendRoutingInfoForSM.js";
import { unstructuredSSNotify } from "./operations/unstructuredSSNotify.js";
import { unstructuredSSRequest } from "./operations/unstructuredSSRequest.js";
import { updateGprsLocation } from "./operations/updateGprsLocation.js";
import { updateLocation } from "./operations/updateLocation.js";

/** A codec of any operation; argument and result types are known only per opcode. */
export type AnyMapOperationCodec = MapOperationCodec<unknown, unknown>;

const codecs: readonly AnyMapOperationCodec[] = [
  // ---- Mobility, subscriber management, authentication, fault recovery, SS registration ----
  updateLocation,
  cancelLocation,
  provideRoamingNumber,
  insertSubscriberData,
  deleteSubscriberData,
  registerSS,
  updateGprsLocation,
  reset,
  sendAuthenticationInfo,
  sendIMSI,
  purgeMS,
  // ---- SMS, USSD, subscriber information and location services (add one entry per line below) ----
  sendRoutingInfo,
  mtForwardSM,
  sendRoutingInfoForSM,
  moForwardSM,
  reportSMDeliveryStatus,
  processUnstructuredSSRequest,
  unstructuredSSRequest,
  unstructuredSSNotify,
  provideSubscriberInfo,
  anyTimeInterrogation,
  provideSubscriberLocation,
  sendRoutingInfoForLCS,
];

function byOpcode(list: readonly AnyMapOperationCodec[]): ReadonlyMap<number, AnyMapOperationCodec> {
  const m = new Map<number, AnyMapOperationCodec>();
  for (const c of list) {
    if (m.has(c.opcode)) throw new Error(`two MAP codecs registered for opcode ${c.opcode}`);
    m.set(c.opcode, c);
  }
  return m;
}

/** Every typed MAP operation codec, keyed by local operation code. */
export const mapOperationCodecs: ReadonlyMap<number, AnyMapOperationCodec> = byOpcode(codecs);

/** The typed codec of `opcode`, or undefined when the operation is decoded generically. */
export function mapOperationCodec(opcode: number): AnyMapOperationCodec | undefined {
  return mapOperationCodecs.get(opcode);
}
