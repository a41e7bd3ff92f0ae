/** M3UA associations (RFC 4666 §4.3) over a pluggable transport (TCP here; SCTP later). */
export { M3uaAsGroup, type M3uaAsGroupEvents, type M3uaAsGroupOptions } from "./as-group.js";
export { M3uaAsp, type M3uaAspEvents, type M3uaAspOptions, type M3uaAspReconnectOptions } from "./asp.js";
export type { TrafficMode } from "./messages.js";
export {
  M3uaSgp,
  type M3uaSgpAsConfig,
  type M3uaSgpAspInfo,
  type M3uaSgpEvents,
  type M3uaSgpOptions,
} from "./sgp.js";
export {
  createTcpTransport,
  type SigtranListener,
  type SigtranStream,
  type SigtranStreamHandlers,
  type SigtranTransport,
  type TcpTransportOptions,
  tcpTransport,
} from "./stream.js";
export {
  AspState,
  AsState,
  type M3uaCongestionEvent,
  type M3uaDestinationEvent,
  type M3uaNotifyEvent,
  type M3uaPeerErrorEvent,
  type M3uaUserPartUnavailableEvent,
} from "./types.js";
