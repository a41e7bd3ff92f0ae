/**
 * The SGP side of M3UA (RFC 4666 §4.3): a server accepting ASPs. It keeps each connected ASP's state and,
 * per configured routing context, the state of the Application Server computed from its ASPs
 * (RFC 4666 §4.3.2), answers the ASP state maintenance and traffic maintenance messages, audits, and
 * routes DATA to an AS by its traffic mode.
 *
 * Provisioning: every ASP that comes up is taken to serve every configured AS (the SGP has no per-ASP
 * provisioning), so the first ASPUP moves each AS from AS-DOWN to AS-INACTIVE.
 *
 * DATA is not parsed here: an active ASP's DATA is handed on as framed (the consumer reads it with
 * `readM3uaData`, which also gives its Routing Context), so the hot path decodes each message once.
 */
import { EventEmitter } from "node:events";
import { DecodeError } from "../codec/errors.js";
import {
  decodeM3ua,
  findM3uaParameter,
  M3uaAspsmMessage,
  M3uaAsptmMessage,
  M3uaAsStateChange,
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
import { Heartbeat, heartbeatData, peerErrorEvent } from "./link.js";
import {
  aspActiveAckMessage,
  aspDownAckMessage,
  aspInactiveMessage,
  aspUpAckMessage,
  type ErrorMessageOptions,
  errorMessage,
  heartbeatMessage,
  notifyMessage,
  ssnmMessage,
  type TrafficMode,
  trafficModeOf,
} from "./messages.js";
import { type SigtranListener, type SigtranStream, type SigtranTransport, tcpTransport } from "./stream.js";
import { AspState, AsState, type M3uaPeerErrorEvent } from "./types.js";

/** One Application Server the SGP serves. */
export interface M3uaSgpAsConfig {
  routingContext: number;
  /** Default override. An ASPAC asking for another mode is refused (ERR Unsupported Traffic Mode Type). */
  trafficMode?: TrafficMode;
}

export interface M3uaSgpOptions {
  /** Default: `tcpTransport`. */
  transport?: SigtranTransport;
  /** The Application Servers, one per routing context. */
  applicationServers: readonly M3uaSgpAsConfig[];
  /** DAUD answers (RFC 4666 §4.5.3): DAVA when true, DUNA when false. Default: everything available. */
  isAvailable?: (pointCode: number, mask: number) => boolean;
  /** BEAT period toward each ASP once it is up; 0 = off (the ASPs drive heartbeats). Default 0. */
  heartbeatMs?: number;
  /** Default `heartbeatMs`. */
  heartbeatTimeoutMs?: number;
  /**
   * T(r), RFC 4666 §4.3.2: how long an AS whose last active ASP went away stays AS-PENDING, queueing
   * traffic, before it becomes AS-INACTIVE/AS-DOWN and the queue is discarded. 0 = no AS-PENDING.
   * Default 2000 ms.
   */
  recoveryMs?: number;
  /** Bound on the bytes queued per AS while AS-PENDING; beyond it `sendToAs` drops. Default 256 KiB. */
  maxPendingBytes?: number;
}

/** A connected ASP as the SGP sees it. */
export interface M3uaSgpAspInfo {
  aspId: number;
  remote: string;
  state: AspState;
  /** ASP Identifier from its ASPUP, if it sent one. */
  aspIdentifier?: number;
  /** Routing contexts in which it is active. */
  activeRoutingContexts: number[];
  writableLength: number;
  congested: boolean;
}

export interface M3uaSgpEvents {
  /** An ASP connected; `aspId` is this SGP's handle for it (not the ASP Identifier). */
  connect: [aspId: number, remote: string];
  aspState: [aspId: number, state: AspState, previous: AspState];
  asState: [routingContext: number, state: AsState, previous: AsState];
  /** A DATA message from an active ASP: `bytes[start, end)` is the whole M3UA message, not a copy. */
  data: [aspId: number, bytes: Uint8Array, start: number, end: number];
  /** ERR sent by an ASP. */
  peerError: [aspId: number, event: M3uaPeerErrorEvent];
  /** An ASP sent something malformed or unexpected; it was answered with ERR (or hung up on). */
  protocolError: [aspId: number, error: Error];
  /** An ASP's send queue drained. */
  drain: [aspId: number];
  /** An ASP's connection closed. */
  close: [aspId: number, error: Error | undefined];
}

class AspConnection {
  state: AspState = AspState.down;
  aspIdentifier: number | undefined;
  /** Routing contexts this ASP is active in. */
  readonly active = new Set<number>();
  heartbeat: Heartbeat | undefined;
  constructor(
    readonly id: number,
    readonly stream: SigtranStream,
  ) {}
}

interface Queued {
  bytes: Uint8Array;
  start: number;
  end: number;
  sls: number;
}

class ApplicationServer {
  state: AsState = AsState.down;
  /** Active ASPs in activation order; loadshare picks among them by SLS. */
  readonly active: AspConnection[] = [];
  /** ASPs that are up (ASP-INACTIVE or ASP-ACTIVE) and serve this AS. */
  readonly members = new Set<AspConnection>();
  recoveryTimer: NodeJS.Timeout | undefined;
  queue: Queued[] = [];
  queuedBytes = 0;
  constructor(
    readonly routingContext: number,
    readonly trafficMode: TrafficMode,
  ) {}
}

const AS_STATE_INFO: Record<AsState, number> = {
  [AsState.down]: 0,
  [AsState.inactive]: M3uaAsStateChange.asInactive,
  [AsState.active]: M3uaAsStateChange.asActive,
  [AsState.pending]: M3uaAsStateChange.asPending,
};

export class M3uaSgp extends EventEmitter<M3uaSgpEvents> {
  private readonly transport: SigtranTransport;
  private readonly servers = new Map<number, ApplicationServer>();
  private readonly isAvailable: (pointCode: number, mask: number) => boolean;
  private readonly heartbeatMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly recoveryMs: number;
  private readonly maxPendingBytes: number;
  private readonly connections = new Map<number, AspConnection>();
  private listener: SigtranListener | undefined;
  private nextId = 1;
  private closing = false;

  constructor(options: M3uaSgpOptions) {
    super();
    this.transport = options.transport ?? tcpTransport;
    for (const as of options.applicationServers) {
      if (this.servers.has(as.routingContext)) {
        throw new RangeError(`routing context ${as.routingContext} is configured twice`);
      }
      this.servers.set(
        as.routingContext,
        new ApplicationServer(as.routingContext, as.trafficMode ?? "override"),
      );
    }
    this.isAvailable = options.isAvailable ?? (() => true);
    this.heartbeatMs = options.heartbeatMs ?? 0;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? this.heartbeatMs;
    this.recoveryMs = options.recoveryMs ?? 2000;
    this.maxPendingBytes = options.maxPendingBytes ?? 256 * 1024;
  }

  /** Starts accepting ASPs; resolves with the bound port. */
  async listen(host: string, port: number): Promise<number> {
    if (this.listener) throw new Error("already listening");
    this.closing = false;
    this.listener = await this.transport.listen(host, port, (stream) => this.accept(stream));
    return this.listener.port;
  }

  /** The bound port, or undefined when not listening. */
  get port(): number | undefined {
    return this.listener?.port;
  }

  /** Stops listening and drops every ASP connection (no ASPDN exchange: that is the ASP's to start). */
  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    this.closing = true;
    for (const c of this.connections.values()) c.stream.destroy();
    if (listener) await listener.close();
    // Connections of a non-TCP transport may report their close later; settle the ASes now.
    for (const c of [...this.connections.values()]) this.onClose(c, undefined);
    for (const as of this.servers.values()) this.stopRecovery(as);
  }

  /** AS state of a routing context (undefined when not configured). */
  asState(routingContext: number): AsState | undefined {
    return this.servers.get(routingContext)?.state;
  }

  /** A connected ASP, or undefined. */
  asp(aspId: number): M3uaSgpAspInfo | undefined {
    const c = this.connections.get(aspId);
    if (!c) return undefined;
    const info: M3uaSgpAspInfo = {
      aspId,
      remote: c.stream.remote,
      state: c.state,
      activeRoutingContexts: [...c.active],
      writableLength: c.stream.writableLength,
      congested: c.stream.congested,
    };
    if (c.aspIdentifier !== undefined) info.aspIdentifier = c.aspIdentifier;
    return info;
  }

  /** Every connected ASP. */
  asps(): M3uaSgpAspInfo[] {
    return [...this.connections.keys()].map((id) => this.asp(id)!);
  }

  /**
   * Sends a DATA message unchanged to one ASP. Returns false, sending nothing, unless that ASP is
   * ASP-ACTIVE; true means queued (see `asp(aspId).congested` for backpressure).
   */
  send(aspId: number, bytes: Uint8Array, start = 0, end = bytes.length): boolean {
    const c = this.connections.get(aspId);
    if (!c || c.state !== AspState.active || c.stream.closed) return false;
    c.stream.write(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
    return true;
  }

  /**
   * Sends a DATA message to the AS of `routingContext` (RFC 4666 §4.3.2): override → its active ASP;
   * loadshare → the active ASP at `sls mod n` (one SLS stays on one ASP while the active set is stable).
   * While AS-PENDING the message is queued by reference (bounded) and delivered when an ASP becomes
   * active. Returns false when it was neither sent nor queued.
   */
  sendToAs(routingContext: number, bytes: Uint8Array, sls: number, start = 0, end = bytes.length): boolean {
    const as = this.servers.get(routingContext);
    if (!as) return false;
    const active = as.active;
    if (active.length > 0) {
      const c = active.length === 1 ? active[0]! : active[(sls >>> 0) % active.length]!;
      if (c.stream.closed) return false;
      c.stream.write(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
      return true;
    }
    if (as.state === AsState.pending && as.queuedBytes + (end - start) <= this.maxPendingBytes) {
      as.queue.push({ bytes, start, end, sls });
      as.queuedBytes += end - start;
      return true;
    }
    return false;
  }

  /** DUNA (RFC 4666 §3.4.1) to every active ASP, with the routing contexts it is active in. */
  broadcastUnavailable(pointCodes: readonly (number | M3uaMaskedPointCode)[]): number {
    return this.broadcast("DUNA", pointCodes);
  }

  /** DAVA (RFC 4666 §3.4.2) to every active ASP. */
  broadcastAvailable(pointCodes: readonly (number | M3uaMaskedPointCode)[]): number {
    return this.broadcast("DAVA", pointCodes);
  }

  private broadcast(kind: "DUNA" | "DAVA", pointCodes: readonly (number | M3uaMaskedPointCode)[]): number {
    if (pointCodes.length === 0) return 0;
    let n = 0;
    for (const c of this.connections.values()) {
      if (c.state !== AspState.active) continue;
      c.stream.write(ssnmMessage(kind, pointCodes, [...c.active]));
      n++;
    }
    return n;
  }

  private accept(stream: SigtranStream) {
    const c = new AspConnection(this.nextId++, stream);
    this.connections.set(c.id, c);
    this.emit("connect", c.id, stream.remote);
    return {
      onMessage: (bytes: Uint8Array, start: number, end: number) => this.onMessage(c, bytes, start, end),
      onDrain: () => this.emit("drain", c.id),
      onClose: (error?: Error) => this.onClose(c, error),
    };
  }

  private onClose(c: AspConnection, error: Error | undefined): void {
    if (this.connections.get(c.id) !== c) return;
    this.connections.delete(c.id);
    c.heartbeat?.stop();
    this.goDown(c);
    this.emit("close", c.id, error);
  }

  private setAspState(c: AspConnection, next: AspState): void {
    const previous = c.state;
    if (previous === next) return;
    c.state = next;
    this.emit("aspState", c.id, next, previous);
  }

  /** The ASP leaves every AS: ASPDN or a lost connection. */
  private goDown(c: AspConnection): void {
    const touched: ApplicationServer[] = [];
    for (const as of this.servers.values()) {
      if (!as.members.delete(c)) continue;
      const i = as.active.indexOf(c);
      if (i >= 0) as.active.splice(i, 1);
      touched.push(as);
    }
    c.active.clear();
    this.setAspState(c, AspState.down);
    for (const as of touched) this.updateAs(as);
  }

  /** Recomputes an AS's state from its ASPs (RFC 4666 §4.3.2) and announces a change with NTFY. */
  private updateAs(as: ApplicationServer, newlyActive?: AspConnection): void {
    const previous = as.state;
    let next: AsState;
    if (as.active.length > 0) next = AsState.active;
    else if (
      (previous === AsState.active || previous === AsState.pending) &&
      this.recoveryMs > 0 &&
      !this.closing
    ) {
      next = AsState.pending;
    } else next = as.members.size > 0 ? AsState.inactive : AsState.down;

    if (next === AsState.pending && previous !== AsState.pending) {
      as.recoveryTimer = setTimeout(() => this.recoveryExpired(as), this.recoveryMs);
    } else if (next !== AsState.pending) this.stopRecovery(as);

    if (next !== previous) {
      as.state = next;
      this.emit("asState", as.routingContext, next, previous);
      // RFC 4666 §4.3.4.5: every ASP of the AS that is up hears of the change.
      if (next !== AsState.down) {
        const ntfy = notifyMessage(M3uaStatusType.asStateChange, AS_STATE_INFO[next], [as.routingContext]);
        for (const m of as.members) m.stream.write(ntfy);
      }
    } else if (newlyActive && next === AsState.active) {
      // The AS was already active (loadshare, or an override takeover): the new ASP still learns its state.
      newlyActive.stream.write(
        notifyMessage(M3uaStatusType.asStateChange, M3uaAsStateChange.asActive, [as.routingContext]),
      );
    }
    if (next === AsState.active && as.queue.length > 0) {
      const queue = as.queue;
      as.queue = [];
      as.queuedBytes = 0;
      for (const q of queue) this.sendToAs(as.routingContext, q.bytes, q.sls, q.start, q.end);
    }
  }

  private recoveryExpired(as: ApplicationServer): void {
    as.recoveryTimer = undefined;
    // T(r) ran out with no ASP taking over: the queued traffic is discarded.
    as.queue = [];
    as.queuedBytes = 0;
    const previous = as.state;
    as.state = AsState.inactive; // leave AS-PENDING so updateAs does not re-enter it
    if (as.members.size === 0) as.state = AsState.down;
    this.emit("asState", as.routingContext, as.state, previous);
    if (as.state === AsState.inactive) {
      const ntfy = notifyMessage(M3uaStatusType.asStateChange, M3uaAsStateChange.asInactive, [
        as.routingContext,
      ]);
      for (const m of as.members) m.stream.write(ntfy);
    }
  }

  private stopRecovery(as: ApplicationServer): void {
    if (as.recoveryTimer) clearTimeout(as.recoveryTimer);
    as.recoveryTimer = undefined;
    if (as.state !== AsState.pending) {
      as.queue = [];
      as.queuedBytes = 0;
    }
  }

  private reject(
    c: AspConnection,
    errorCode: number,
    reason: string,
    bytes: Uint8Array,
    start: number,
    end: number,
    options: ErrorMessageOptions = {},
  ): void {
    c.stream.write(errorMessage(errorCode, { ...options, diagnostic: { bytes, start, end } }));
    this.emit("protocolError", c.id, new Error(reason));
  }

  private onMessage(c: AspConnection, bytes: Uint8Array, start: number, end: number): void {
    const messageClass = bytes[start + 2]!;
    const messageType = bytes[start + 3]!;
    // The DATA path: no decoding; the framed message is handed on as it arrived.
    if (messageClass === M3uaMessageClass.transfer && messageType === M3uaTransferMessage.data) {
      if (c.state === AspState.active) this.emit("data", c.id, bytes, start, end);
      else this.reject(c, M3uaErrorCode.unexpectedMessage, "DATA before ASP-ACTIVE", bytes, start, end);
      return;
    }
    let msg: M3uaMessage;
    try {
      msg = decodeM3ua(bytes, start, end);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      // RFC 4666 §3.8.1: framed correctly, but a parameter does not parse.
      this.reject(c, M3uaErrorCode.parameterFieldError, err.message, bytes, start, end);
      return;
    }
    switch (messageClass) {
      case M3uaMessageClass.management:
        if (messageType === M3uaManagementMessage.error) this.emit("peerError", c.id, peerErrorEvent(msg));
        else if (messageType !== M3uaManagementMessage.notify) {
          this.reject(c, M3uaErrorCode.unsupportedMessageType, "unknown MGMT message", bytes, start, end);
        }
        return;
      case M3uaMessageClass.transfer:
        this.reject(c, M3uaErrorCode.unsupportedMessageType, "unknown transfer message", bytes, start, end);
        return;
      case M3uaMessageClass.ssnm:
        this.onSsnm(c, msg, bytes, start, end);
        return;
      case M3uaMessageClass.aspsm:
        this.onAspsm(c, msg, bytes, start, end);
        return;
      case M3uaMessageClass.asptm:
        this.onAsptm(c, msg, bytes, start, end);
        return;
      default:
        // RFC 4666 §4.4.1: an SGP without dynamic registration answers RKM with Unsupported Message Class.
        this.reject(
          c,
          M3uaErrorCode.unsupportedMessageClass,
          `message class ${messageClass}`,
          bytes,
          start,
          end,
        );
    }
  }

  private onAspsm(c: AspConnection, msg: M3uaMessage, bytes: Uint8Array, start: number, end: number): void {
    switch (msg.messageType) {
      case M3uaAspsmMessage.aspUp: {
        const id = findM3uaParameter(msg, "aspIdentifier")?.aspIdentifier;
        if (id !== undefined) c.aspIdentifier = id;
        c.stream.write(aspUpAckMessage());
        if (c.state === AspState.active) {
          // RFC 4666 §4.3.4.1: ASPUP from an active ASP: ack it, report the surprise, and take the ASP
          // out of every AS.
          this.reject(c, M3uaErrorCode.unexpectedMessage, "ASPUP while ASP-ACTIVE", bytes, start, end);
          this.deactivate(c, [...c.active]);
          return;
        }
        if (c.state === AspState.inactive) return;
        this.setAspState(c, AspState.inactive);
        this.startHeartbeat(c);
        for (const as of this.servers.values()) {
          as.members.add(c);
          this.updateAs(as);
        }
        return;
      }
      case M3uaAspsmMessage.aspDown:
        c.stream.write(aspDownAckMessage());
        c.heartbeat?.stop();
        c.heartbeat = undefined;
        this.goDown(c);
        return;
      case M3uaAspsmMessage.heartbeat: {
        // RFC 4666 §3.5.6: BEAT ACK echoes the Heartbeat Data unchanged.
        const [s, e] = heartbeatData(msg);
        c.stream.write(s < 0 ? heartbeatMessage(true) : heartbeatMessage(true, bytes, s, e));
        return;
      }
      case M3uaAspsmMessage.heartbeatAck: {
        const [s, e] = heartbeatData(msg);
        c.heartbeat?.acknowledge(bytes, s, e);
        return;
      }
      case M3uaAspsmMessage.aspUpAck:
      case M3uaAspsmMessage.aspDownAck:
        this.reject(c, M3uaErrorCode.unexpectedMessage, "SGP-side message sent to an SGP", bytes, start, end);
        return;
      default:
        this.reject(c, M3uaErrorCode.unsupportedMessageType, "unknown ASPSM message", bytes, start, end);
    }
  }

  /** The routing contexts an ASPAC/ASPIA names, or, when absent, the single configured AS. */
  private routingContextsOf(
    c: AspConnection,
    msg: M3uaMessage,
    bytes: Uint8Array,
    start: number,
    end: number,
  ): number[] | undefined {
    const listed = findM3uaParameter(msg, "routingContext")?.routingContexts;
    if (listed === undefined) {
      if (this.servers.size === 1) return [...this.servers.keys()];
      if (this.servers.size === 0) {
        this.reject(c, M3uaErrorCode.noConfiguredAsForAsp, "no AS configured", bytes, start, end);
      } else {
        // RFC 4666 §3.8.1: with several ASes the Routing Context cannot be left out.
        this.reject(c, M3uaErrorCode.missingParameter, "no Routing Context", bytes, start, end);
      }
      return undefined;
    }
    const unknown = listed.filter((rc) => !this.servers.has(rc));
    if (unknown.length > 0) {
      this.reject(
        c,
        M3uaErrorCode.invalidRoutingContext,
        `routing context ${unknown.join(",")} not configured`,
        bytes,
        start,
        end,
        { routingContexts: unknown },
      );
      return undefined;
    }
    return listed;
  }

  private onAsptm(c: AspConnection, msg: M3uaMessage, bytes: Uint8Array, start: number, end: number): void {
    switch (msg.messageType) {
      case M3uaAsptmMessage.aspActive: {
        if (c.state === AspState.down) {
          this.reject(c, M3uaErrorCode.unexpectedMessage, "ASPAC before ASPUP", bytes, start, end);
          return;
        }
        const rcs = this.routingContextsOf(c, msg, bytes, start, end);
        if (!rcs) return;
        const tmt = findM3uaParameter(msg, "trafficModeType")?.trafficModeType;
        const mode = tmt === undefined ? undefined : trafficModeOf(tmt);
        const mismatched = rcs.filter(
          (rc) => tmt !== undefined && this.servers.get(rc)!.trafficMode !== mode,
        );
        if (mismatched.length > 0) {
          // RFC 4666 §4.3.4.3: the requested mode is not the AS's (broadcast is not offered at all).
          this.reject(
            c,
            M3uaErrorCode.unsupportedTrafficModeType,
            `traffic mode type ${tmt} is not that of routing context ${mismatched.join(",")}`,
            bytes,
            start,
            end,
            { routingContexts: mismatched },
          );
          return;
        }
        const ackMode = mode ?? this.servers.get(rcs[0]!)!.trafficMode;
        c.stream.write(
          aspActiveAckMessage(
            ackMode,
            msg.parameters.some((p) => p.kind === "routingContext") ? rcs : undefined,
          ),
        );
        this.setAspState(c, AspState.active);
        for (const rc of rcs) this.activate(c, this.servers.get(rc)!);
        return;
      }
      case M3uaAsptmMessage.aspInactive: {
        if (c.state === AspState.down) {
          this.reject(c, M3uaErrorCode.unexpectedMessage, "ASPIA before ASPUP", bytes, start, end);
          return;
        }
        const listed = findM3uaParameter(msg, "routingContext") !== undefined;
        const rcs = listed ? this.routingContextsOf(c, msg, bytes, start, end) : [...c.active];
        if (!rcs) return;
        c.stream.write(aspInactiveMessage(true, listed ? rcs : undefined));
        this.deactivate(c, rcs);
        return;
      }
      case M3uaAsptmMessage.aspActiveAck:
      case M3uaAsptmMessage.aspInactiveAck:
        this.reject(c, M3uaErrorCode.unexpectedMessage, "SGP-side message sent to an SGP", bytes, start, end);
        return;
      default:
        this.reject(c, M3uaErrorCode.unsupportedMessageType, "unknown ASPTM message", bytes, start, end);
    }
  }

  /** ASPAC for one AS (RFC 4666 §4.3.4.3). */
  private activate(c: AspConnection, as: ApplicationServer): void {
    as.members.add(c);
    if (as.trafficMode === "override") {
      // The newcomer takes over; the ASP it replaces is told and is now inactive for this AS.
      for (const old of as.active) {
        if (old === c) continue;
        old.active.delete(as.routingContext);
        old.stream.write(
          notifyMessage(
            M3uaStatusType.other,
            M3uaOtherStatus.alternateAspActive,
            [as.routingContext],
            c.aspIdentifier,
          ),
        );
        if (old.active.size === 0) this.setAspState(old, AspState.inactive);
      }
      as.active.length = 0;
    }
    if (!as.active.includes(c)) as.active.push(c);
    c.active.add(as.routingContext);
    this.updateAs(as, c);
  }

  /** ASPIA (or a forced deactivation) for the given routing contexts (RFC 4666 §4.3.4.4). */
  private deactivate(c: AspConnection, rcs: readonly number[]): void {
    const touched: ApplicationServer[] = [];
    for (const rc of rcs) {
      const as = this.servers.get(rc);
      if (!as) continue;
      c.active.delete(rc);
      const i = as.active.indexOf(c);
      if (i >= 0) {
        as.active.splice(i, 1);
        touched.push(as);
      }
    }
    if (c.active.size === 0 && c.state === AspState.active) this.setAspState(c, AspState.inactive);
    for (const as of touched) this.updateAs(as);
  }

  private onSsnm(c: AspConnection, msg: M3uaMessage, bytes: Uint8Array, start: number, end: number): void {
    if (msg.messageType !== M3uaSsnmMessage.destinationStateAudit) {
      // RFC 4666 §1.4.2.3: DUNA, DAVA, SCON, DUPU and DRST travel from SGP to ASP only.
      this.reject(c, M3uaErrorCode.unexpectedMessage, "SSNM message sent to an SGP", bytes, start, end);
      return;
    }
    if (c.state === AspState.down) {
      this.reject(c, M3uaErrorCode.unexpectedMessage, "DAUD before ASPUP", bytes, start, end);
      return;
    }
    const pcs = findM3uaParameter(msg, "affectedPointCode")?.pointCodes;
    if (!pcs) {
      this.reject(c, M3uaErrorCode.missingParameter, "DAUD without Affected Point Code", bytes, start, end);
      return;
    }
    const rcs = findM3uaParameter(msg, "routingContext")?.routingContexts;
    const na = findM3uaParameter(msg, "networkAppearance")?.networkAppearance;
    // RFC 4666 §4.5.3: answer the audit with the current state of each point code.
    const available: M3uaMaskedPointCode[] = [];
    const unavailable: M3uaMaskedPointCode[] = [];
    for (const pc of pcs) (this.isAvailable(pc.pointCode, pc.mask) ? available : unavailable).push(pc);
    if (available.length > 0) c.stream.write(ssnmMessage("DAVA", available, rcs, na));
    if (unavailable.length > 0) c.stream.write(ssnmMessage("DUNA", unavailable, rcs, na));
  }

  private startHeartbeat(c: AspConnection): void {
    if (this.heartbeatMs <= 0 || c.heartbeat) return;
    c.heartbeat = new Heartbeat(
      this.heartbeatMs,
      this.heartbeatTimeoutMs,
      (m) => c.stream.write(m),
      () => c.stream.destroy(new Error(`no BEAT ACK within ${this.heartbeatTimeoutMs} ms`)),
    );
    c.heartbeat.start();
  }
}
