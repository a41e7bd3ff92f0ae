/** States and event payloads shared by the ASP and SGP sides (RFC 4666 §4.3). */
import type { M3uaMaskedPointCode } from "../codec/m3ua/index.js";

/** RFC 4666 §4.3.1: ASP states, as one side sees the other (or itself). */
export const AspState = { down: "ASP-DOWN", inactive: "ASP-INACTIVE", active: "ASP-ACTIVE" } as const;
export type AspState = (typeof AspState)[keyof typeof AspState];

/** RFC 4666 §4.3.2: AS states, kept by the SGP per routing context and computed from its ASPs. */
export const AsState = {
  down: "AS-DOWN",
  inactive: "AS-INACTIVE",
  active: "AS-ACTIVE",
  pending: "AS-PENDING",
} as const;
export type AsState = (typeof AsState)[keyof typeof AsState];

/** RFC 4666 §3.8.2: what a NTFY says, decoded. */
export interface M3uaNotifyEvent {
  /** Status Type: 1 = AS state change, 2 = other. */
  statusType: number;
  statusInformation: number;
  /**
   * Readable form: the AS state announced (`AS-INACTIVE`, `AS-ACTIVE`, `AS-PENDING`), or for status type
   * "other" `insufficient-asp-resources`, `alternate-asp-active`, `asp-failure`; `unknown` otherwise.
   */
  status: AsState | "insufficient-asp-resources" | "alternate-asp-active" | "asp-failure" | "unknown";
  routingContexts: number[];
  aspIdentifier?: number;
  infoString?: string;
}

/** RFC 4666 §3.8.1: an ERR the peer sent. */
export interface M3uaPeerErrorEvent {
  errorCode: number;
  routingContexts: number[];
  networkAppearance?: number;
  affectedPointCodes: M3uaMaskedPointCode[];
  /** Diagnostic Information, copied out of the message. */
  diagnostic?: Uint8Array;
}

/** RFC 4666 §3.4.1-§3.4.6: DUNA, DAVA, DRST, SCON, DUPU, decoded. */
export interface M3uaDestinationEvent {
  pointCodes: M3uaMaskedPointCode[];
  routingContexts: number[];
  networkAppearance?: number;
  infoString?: string;
}

/** RFC 4666 §3.4.4 SCON. */
export interface M3uaCongestionEvent extends M3uaDestinationEvent {
  concernedDestination?: number;
  congestionLevel?: number;
}

/** RFC 4666 §3.4.5 DUPU. */
export interface M3uaUserPartUnavailableEvent extends M3uaDestinationEvent {
  cause: number;
  user: number;
}
