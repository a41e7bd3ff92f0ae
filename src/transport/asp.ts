/**
 * The ASP side of an M3UA association (RFC 4666 §4.3): a client of an SGP. It connects, brings itself up
 * (ASPUP → ASP-INACTIVE) and active (ASPAC → ASP-ACTIVE), keeps the association alive with heartbeats
 * and reconnects with exponential backoff when the link dies.
 */
import { EventEmitter } from "node:events";
import { DecodeError } from "../codec/errors.js";
import {
  decodeM3ua,
  M3uaAspsmMessage,
  M3uaAsptmMessage,
  M3uaErrorCode,
  M3uaManagementMessage,
  type M3uaMaskedPointCode,
  type M3uaMessage,
  M3uaMessageClass,
  M3uaOtherStatus,
  M3uaSsnmMessage,
  M3uaStatusType,
  M3uaTransferMessage,
} from "../codec/m3ua/index.js";
import {
  congestionEvent,
  destinationEvent,
  Heartbeat,
  heartbeatData,
  notifyEvent,
  peerErrorEvent,
  userPartUnavailableEvent,
} from "./link.js";
import {
  aspActiveMessage,
  aspDownMessage,
  aspInactiveMessage,
  aspUpMessage,
  errorMessage,
  heartbeatMessage,
  ssnmMessage,
  type TrafficMode,
} from "./messages.js";
import { type SigtranStream, type SigtranTransport, tcpTransport } from "./stream.js";
import {
  AspState,
  type M3uaCongestionEvent,
  type M3uaDestinationEvent,
  type M3uaNotifyEvent,
  type M3uaPeerErrorEvent,
  type M3uaUserPartUnavailableEvent,
} from "./types.js";

export interface M3uaAspReconnectOptions {
  /** First retry delay. Default 100 ms. */
  minMs?: number;
  /** Cap of the doubling delay. Default 5000 ms. */
  maxMs?: number;
}

export interface M3uaAspOptions {
  host: string;
  port: number;
  /** Default: `tcpTransport`. */
  transport?: SigtranTransport;
  /** Routing Context values sent in ASPAC (RFC 4666 §3.7.1; may be omitted when the SGP serves one AS). */
  routingContexts?: readonly number[];
  /** Traffic Mode Type sent in ASPAC. Default override. */
  trafficMode?: TrafficMode;
  /** ASP Identifier sent in ASPUP (RFC 4666 §3.5.1). */
  aspIdentifier?: number;
  /** INFO String sent in ASPUP and ASPAC. */
  infoString?: string;
  /** Send ASPAC as soon as ASP-INACTIVE is reached. Default true. */
  autoActivate?: boolean;
  /** BEAT period once ASP-INACTIVE; 0 = no heartbeat. Default 10 000 ms. */
  heartbeatMs?: number;
  /** How long a BEAT may stay unanswered before the link is declared dead. Default `heartbeatMs`. */
  heartbeatTimeoutMs?: number;
  /**
   * ASPUP and ASPAC are resent this often until acknowledged (RFC 4666 §4.3.4.1: "every 2 seconds"); during
   * `stop()` an unanswered ASPIA/ASPDN is given up on after this long. Default 2000 ms.
   */
  ackTimeoutMs?: number;
  /** Reconnection backoff; `false` = never reconnect. */
  reconnect?: M3uaAspReconnectOptions | false;
  /**
   * Jitter source in [0, 1). The n-th retry waits `base × (0.5 + random() / 2)` with
   * `base = min(maxMs, minMs × 2^n)`. Default `Math.random`.
   */
  random?: () => number;
}

/** Events of an `M3uaAsp` (listen with `asp.on(name, listener)`; the names are typed). */
export interface M3uaAspEvents {
  /** The ASP state changed (RFC 4666 §4.3.1). */
  state: [state: AspState, previous: AspState];
  /** A DATA message from the SGP: `bytes[start, end)` is the whole M3UA message as received, not a copy. */
  data: [bytes: Uint8Array, start: number, end: number];
  /** NTFY from the SGP. */
  notify: [event: M3uaNotifyEvent];
  /** ERR from the SGP. */
  peerError: [event: M3uaPeerErrorEvent];
  /** The SGP sent something malformed or unexpected; we answered with ERR (or hung up). */
  protocolError: [error: Error];
  /** DUNA: the point codes are unreachable through this SGP. */
  destinationUnavailable: [event: M3uaDestinationEvent];
  /** DAVA: the point codes are reachable again. */
  destinationAvailable: [event: M3uaDestinationEvent];
  /** DRST: reachable, but by a restricted route. */
  destinationRestricted: [event: M3uaDestinationEvent];
  /** SCON: the route to the point codes is congested. */
  congestion: [event: M3uaCongestionEvent];
  /** DUPU: a user part at the point codes is unavailable. */
  userPartUnavailable: [event: M3uaUserPartUnavailableEvent];
  /** The transport connection is established (before ASPUP). */
  connect: [];
  /** The transport connection is gone; a reconnection follows unless stopping. */
  disconnect: [error: Error | undefined];
  /** The send queue drained after a congested write. */
  drain: [];
}

type Pending = "up" | "active" | "inactive" | "down" | undefined;

export class M3uaAsp extends EventEmitter<M3uaAspEvents> {
  readonly host: string;
  readonly port: number;
  private readonly transport: SigtranTransport;
  private readonly routingContexts: readonly number[] | undefined;
  private readonly trafficMode: TrafficMode;
  private readonly aspIdentifier: number | undefined;
  private readonly infoString: string | undefined;
  private readonly autoActivate: boolean;
  private readonly heartbeatMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly ackTimeoutMs: number;
  private readonly reconnectMinMs: number;
  private readonly reconnectMaxMs: number;
  private readonly reconnectEnabled: boolean;
  private readonly random: () => number;

  private currentState: AspState = AspState.down;
  private stream: SigtranStream | undefined;
  private open = false;
  private started = false;
  private stopping = false;
  private stopWaiters: (() => void)[] = [];
  private attempt = 0;
  private pending: Pending;
  private ackTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeat: Heartbeat | undefined;

  constructor(options: M3uaAspOptions) {
    super();
    this.host = options.host;
    this.port = options.port;
    this.transport = options.transport ?? tcpTransport;
    this.routingContexts = options.routingContexts ? [...options.routingContexts] : undefined;
    this.trafficMode = options.trafficMode ?? "override";
    this.aspIdentifier = options.aspIdentifier;
    this.infoString = options.infoString;
    this.autoActivate = options.autoActivate ?? true;
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? this.heartbeatMs;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 2000;
    this.reconnectEnabled = options.reconnect !== false;
    const r = options.reconnect === false ? {} : (options.reconnect ?? {});
    this.reconnectMinMs = r.minMs ?? 100;
    this.reconnectMaxMs = r.maxMs ?? 5000;
    this.random = options.random ?? Math.random;
  }

  /** RFC 4666 §4.3.1 state of this ASP. */
  get state(): AspState {
    return this.currentState;
  }

  /** The transport connection is up (the ASP may still be ASP-DOWN). */
  get connected(): boolean {
    return this.open;
  }

  /** Bytes waiting in the send queue. */
  get writableLength(): number {
    return this.stream?.writableLength ?? 0;
  }

  /** The send queue is over its high-water mark; wait for `drain` before sending more. */
  get congested(): boolean {
    return this.stream?.congested ?? false;
  }

  /** Connects and brings the ASP up (and active, unless `autoActivate` is false). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.attempt = 0;
    this.connect();
  }

  /**
   * Orderly shutdown, RFC 4666 §4.3.4.4 and §4.3.4.2: ASPIA (when active), ASPDN, then close; no
   * reconnection. Resolves when the connection is closed.
   */
  stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (!this.stream) return Promise.resolve();
    const first = this.stopWaiters.length === 0;
    const done = new Promise<void>((resolve) => this.stopWaiters.push(resolve));
    // Even when an ASPIA of deactivate() is outstanding: the shutdown's own timeouts must apply.
    if (first) this.advanceStop();
    return done;
  }

  /** Sends ASPAC (RFC 4666 §3.7.1); needed only with `autoActivate: false` or after an override takeover. */
  activate(): boolean {
    if (this.currentState !== AspState.inactive || !this.stream) return false;
    this.sendAspActive();
    return true;
  }

  /** Sends ASPIA (RFC 4666 §3.7.3): stop receiving traffic but stay up. */
  deactivate(): boolean {
    if (this.currentState !== AspState.active || !this.stream) return false;
    this.pending = "inactive";
    this.write(aspInactiveMessage(false, this.routingContexts));
    this.armAck(() => this.deactivate());
    return true;
  }

  /** Asks the SGP for the state of point codes (DAUD, RFC 4666 §3.4.3); answers come as DAVA/DUNA events. */
  audit(pointCodes: readonly (number | M3uaMaskedPointCode)[]): boolean {
    if (this.currentState === AspState.down || !this.stream) return false;
    this.write(ssnmMessage("DAUD", pointCodes, this.routingContexts));
    return true;
  }

  /**
   * Sends a DATA message (the whole M3UA message, e.g. as received on another association) unchanged.
   * Returns false, sending nothing, unless ASP-ACTIVE. True means queued; check `congested` for
   * backpressure.
   */
  sendData(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
    const s = this.stream;
    if (this.currentState !== AspState.active || !s || s.closed) return false;
    s.write(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
    return true;
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    let stream: SigtranStream | undefined;
    // The handlers close over `stream` so that events of a replaced connection are ignored.
    stream = this.transport.connect(this.host, this.port, {
      onOpen: () => {
        if (!stream || stream !== this.stream) return;
        this.open = true;
        this.emit("connect");
        if (this.stopping) {
          stream.close();
          return;
        }
        this.sendAspUp();
      },
      onMessage: (bytes, start, end) => {
        if (stream === this.stream) this.onMessage(bytes, start, end);
      },
      onDrain: () => {
        if (stream === this.stream) this.emit("drain");
      },
      onClose: (error) => {
        if (stream === this.stream) this.onClose(error);
      },
    });
    this.stream = stream;
  }

  private onClose(error: Error | undefined): void {
    this.stream = undefined;
    this.open = false;
    this.pending = undefined;
    this.clearAck();
    this.heartbeat?.stop();
    this.heartbeat = undefined;
    this.setState(AspState.down);
    this.emit("disconnect", error);
    if (this.stopping || !this.started) {
      const waiters = this.stopWaiters;
      this.stopWaiters = [];
      for (const w of waiters) w();
      return;
    }
    if (!this.reconnectEnabled) {
      this.started = false;
      return;
    }
    const base = Math.min(this.reconnectMaxMs, this.reconnectMinMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    const delay = base * (0.5 + this.random() / 2);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private write(bytes: Uint8Array): boolean {
    return this.stream?.write(bytes) ?? false;
  }

  private setState(next: AspState): void {
    const previous = this.currentState;
    if (next === previous) return;
    this.currentState = next;
    this.emit("state", next, previous);
  }

  private armAck(onTimeout: () => void): void {
    this.clearAck();
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      onTimeout();
    }, this.ackTimeoutMs);
  }

  private clearAck(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
  }

  private sendAspUp(): void {
    this.pending = "up";
    this.write(aspUpMessage(this.aspIdentifier, this.infoString));
    // RFC 4666 §4.3.4.1: the ASP MAY resend ASPUP until it is acknowledged.
    this.armAck(() => {
      if (this.pending === "up") this.sendAspUp();
    });
  }

  private sendAspActive(): void {
    this.pending = "active";
    this.write(aspActiveMessage(this.trafficMode, this.routingContexts, this.infoString));
    this.armAck(() => {
      if (this.pending === "active" && this.currentState === AspState.inactive) this.sendAspActive();
    });
  }

  /** One step of the orderly shutdown, from whatever state the ASP is in. */
  private advanceStop(): void {
    const s = this.stream;
    if (!s) return;
    if (this.open && this.currentState === AspState.active) {
      this.pending = "inactive";
      this.write(aspInactiveMessage(false, this.routingContexts));
      this.armAck(() => {
        this.setState(AspState.inactive);
        this.advanceStop();
      });
    } else if (this.open && this.currentState === AspState.inactive) {
      this.pending = "down";
      this.write(aspDownMessage());
      this.armAck(() => {
        this.setState(AspState.down);
        this.advanceStop();
      });
    } else {
      this.pending = undefined;
      this.clearAck();
      this.heartbeat?.stop();
      s.close();
    }
  }

  /** Answers a message the SGP should not have sent with ERR (RFC 4666 §3.8.1). */
  private reject(errorCode: number, reason: string, bytes: Uint8Array, start: number, end: number): void {
    this.write(errorMessage(errorCode, { diagnostic: { bytes, start, end } }));
    this.emit("protocolError", new Error(reason));
  }

  private onMessage(bytes: Uint8Array, start: number, end: number): void {
    const messageClass = bytes[start + 2]!;
    const messageType = bytes[start + 3]!;
    // The DATA path: no decoding, the framed message is handed on as it arrived.
    if (messageClass === M3uaMessageClass.transfer && messageType === M3uaTransferMessage.data) {
      if (this.currentState === AspState.active) this.emit("data", bytes, start, end);
      else this.reject(M3uaErrorCode.unexpectedMessage, "DATA while not ASP-ACTIVE", bytes, start, end);
      return;
    }
    let msg: M3uaMessage;
    try {
      msg = decodeM3ua(bytes, start, end);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      // RFC 4666 §3.8.1: the message framed correctly but one of its parameters did not parse.
      this.reject(M3uaErrorCode.parameterFieldError, err.message, bytes, start, end);
      return;
    }
    switch (messageClass) {
      case M3uaMessageClass.management:
        this.onManagement(msg, bytes, start, end);
        return;
      case M3uaMessageClass.transfer:
        this.reject(M3uaErrorCode.unsupportedMessageType, "unknown transfer message", bytes, start, end);
        return;
      case M3uaMessageClass.ssnm:
        this.onSsnm(msg, bytes, start, end);
        return;
      case M3uaMessageClass.aspsm:
        this.onAspsm(msg, bytes, start, end);
        return;
      case M3uaMessageClass.asptm:
        this.onAsptm(msg, bytes, start, end);
        return;
      default:
        // RKM (RFC 4666 §3.6) is not used: routing keys are configured statically.
        this.reject(
          M3uaErrorCode.unsupportedMessageClass,
          `message class ${messageClass}`,
          bytes,
          start,
          end,
        );
    }
  }

  private onManagement(msg: M3uaMessage, bytes: Uint8Array, start: number, end: number): void {
    if (msg.messageType === M3uaManagementMessage.error) {
      const event = peerErrorEvent(msg);
      // Resending what the SGP refused cannot help: stop the ASPUP/ASPAC retries; during stop() go on.
      if (this.pending === "up" || this.pending === "active") {
        this.pending = undefined;
        this.clearAck();
      } else if (this.pending === "inactive" || this.pending === "down") {
        this.clearAck();
        this.setState(this.pending === "inactive" ? AspState.inactive : AspState.down);
        this.pending = undefined;
        if (this.stopping) this.advanceStop();
      }
      this.emit("peerError", event);
      return;
    }
    if (msg.messageType === M3uaManagementMessage.notify) {
      const event = notifyEvent(msg);
      // RFC 4666 §4.3.4.3: in override mode another ASP took over; the SGP now sees us ASP-INACTIVE.
      if (
        event.statusType === M3uaStatusType.other &&
        event.statusInformation === M3uaOtherStatus.alternateAspActive &&
        this.currentState === AspState.active
      ) {
        this.setState(AspState.inactive);
      }
      this.emit("notify", event);
      return;
    }
    this.reject(M3uaErrorCode.unsupportedMessageType, "unknown management message", bytes, start, end);
  }

  private onSsnm(msg: M3uaMessage, bytes: Uint8Array, start: number, end: number): void {
    switch (msg.messageType) {
      case M3uaSsnmMessage.destinationUnavailable:
        this.emit("destinationUnavailable", destinationEvent(msg));
        return;
      case M3uaSsnmMessage.destinationAvailable:
        this.emit("destinationAvailable", destinationEvent(msg));
        return;
      case M3uaSsnmMessage.destinationRestricted:
        this.emit("destinationRestricted", destinationEvent(msg));
        return;
      case M3uaSsnmMessage.signallingCongestion:
        this.emit("congestion", congestionEvent(msg));
        return;
      case M3uaSsnmMessage.destinationUserPartUnavailable:
        this.emit("userPartUnavailable", userPartUnavailableEvent(msg));
        return;
      case M3uaSsnmMessage.destinationStateAudit:
        // RFC 4666 §4.5.3: DAUD goes from ASP to SGP, not the other way.
        this.reject(M3uaErrorCode.unexpectedMessage, "DAUD sent to an ASP", bytes, start, end);
        return;
      default:
        this.reject(M3uaErrorCode.unsupportedMessageType, "unknown SSNM message", bytes, start, end);
    }
  }

  private onAspsm(msg: M3uaMessage, bytes: Uint8Array, start: number, end: number): void {
    switch (msg.messageType) {
      case M3uaAspsmMessage.aspUpAck:
        if (this.pending !== "up") return; // a duplicate answer to a resent ASPUP
        this.pending = undefined;
        this.clearAck();
        this.attempt = 0;
        this.setState(AspState.inactive);
        this.startHeartbeat();
        if (this.stopping) this.advanceStop();
        else if (this.autoActivate) this.sendAspActive();
        return;
      case M3uaAspsmMessage.aspDownAck: {
        const solicited = this.pending === "down";
        this.pending = undefined;
        this.clearAck();
        this.setState(AspState.down);
        if (this.stopping) this.advanceStop();
        // RFC 4666 §4.3.4.2: an unsolicited ASPDN ACK means the SGP considers us down; come up again.
        else if (!solicited) this.sendAspUp();
        return;
      }
      case M3uaAspsmMessage.heartbeat: {
        // RFC 4666 §3.5.6: BEAT ACK echoes the Heartbeat Data unchanged.
        const [s, e] = heartbeatData(msg);
        this.write(s < 0 ? heartbeatMessage(true) : heartbeatMessage(true, bytes, s, e));
        return;
      }
      case M3uaAspsmMessage.heartbeatAck: {
        const [s, e] = heartbeatData(msg);
        this.heartbeat?.acknowledge(bytes, s, e);
        return;
      }
      case M3uaAspsmMessage.aspUp:
      case M3uaAspsmMessage.aspDown:
        this.reject(M3uaErrorCode.unexpectedMessage, "ASP-side message sent to an ASP", bytes, start, end);
        return;
      default:
        this.reject(M3uaErrorCode.unsupportedMessageType, "unknown ASPSM message", bytes, start, end);
    }
  }

  private onAsptm(msg: M3uaMessage, bytes: Uint8Array, start: number, end: number): void {
    switch (msg.messageType) {
      case M3uaAsptmMessage.aspActiveAck:
        if (this.pending !== "active") return; // a duplicate answer to a resent ASPAC
        this.pending = undefined;
        this.clearAck();
        this.setState(AspState.active);
        if (this.stopping) this.advanceStop();
        return;
      case M3uaAsptmMessage.aspInactiveAck: {
        // Solicited (deactivate/stop) or not (RFC 4666 §4.3.4.4: the SGP took us out of service).
        if (this.pending === "inactive") {
          this.pending = undefined;
          this.clearAck();
        }
        if (this.currentState === AspState.active) this.setState(AspState.inactive);
        if (this.stopping) this.advanceStop();
        return;
      }
      case M3uaAsptmMessage.aspActive:
      case M3uaAsptmMessage.aspInactive:
        this.reject(M3uaErrorCode.unexpectedMessage, "ASP-side message sent to an ASP", bytes, start, end);
        return;
      default:
        this.reject(M3uaErrorCode.unsupportedMessageType, "unknown ASPTM message", bytes, start, end);
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeatMs <= 0 || this.heartbeat) return;
    const stream = this.stream;
    this.heartbeat = new Heartbeat(
      this.heartbeatMs,
      this.heartbeatTimeoutMs,
      (m) => stream?.write(m),
      () => {
        if (stream === this.stream) {
          stream?.destroy(new Error(`no BEAT ACK within ${this.heartbeatTimeoutMs} ms`));
        }
      },
    );
    this.heartbeat.start();
  }
}
