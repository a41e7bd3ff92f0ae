/** Pieces both ends of an M3UA association use: the heartbeat driver and decoders for event payloads. */
import {
  findM3uaParameter,
  M3uaAsStateChange,
  type M3uaMessage,
  M3uaOtherStatus,
  M3uaStatusType,
} from "../codec/m3ua/index.js";
import { heartbeatMessage } from "./messages.js";
import {
  AsState,
  type M3uaCongestionEvent,
  type M3uaDestinationEvent,
  type M3uaNotifyEvent,
  type M3uaPeerErrorEvent,
  type M3uaUserPartUnavailableEvent,
} from "./types.js";

/**
 * RFC 4666 §4.3.4.6: BEAT every `intervalMs`; a BEAT ACK echoing our Heartbeat Data must come back within
 * `timeoutMs`, else `onDead` runs (the owner tears the association down). One BEAT is outstanding at a
 * time: the next is sent `intervalMs` after the previous one was answered.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private waiting = false;
  private sequence = 0;
  private readonly data = new Uint8Array(4);

  constructor(
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
    private readonly send: (message: Uint8Array) => void,
    private readonly onDead: () => void,
  ) {}

  get enabled(): boolean {
    return this.intervalMs > 0;
  }

  start(): void {
    if (!this.enabled || this.timer) return;
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = false;
  }

  /** A BEAT ACK arrived; its Heartbeat Data is `bytes[start, end)` (start = end = -1 when absent). */
  acknowledge(bytes: Uint8Array, start: number, end: number): void {
    if (!this.waiting || end - start !== 4) return;
    const d = this.data;
    if (bytes[start] !== d[0] || bytes[start + 1] !== d[1] || bytes[start + 2] !== d[2]) return;
    if (bytes[start + 3] !== d[3]) return;
    this.waiting = false;
    if (this.timer) clearTimeout(this.timer);
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.beat(), this.intervalMs);
  }

  private beat(): void {
    this.sequence = (this.sequence + 1) >>> 0;
    const s = this.sequence;
    const d = this.data;
    d[0] = s >>> 24;
    d[1] = (s >>> 16) & 0xff;
    d[2] = (s >>> 8) & 0xff;
    d[3] = s & 0xff;
    this.waiting = true;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.waiting = false;
      this.onDead();
    }, this.timeoutMs);
    this.send(heartbeatMessage(false, d));
  }
}

function routingContexts(msg: M3uaMessage): number[] {
  return findM3uaParameter(msg, "routingContext")?.routingContexts ?? [];
}

/** Bounds of the Heartbeat Data parameter, or [-1, -1]. */
export function heartbeatData(msg: M3uaMessage): [number, number] {
  const p = findM3uaParameter(msg, "heartbeatData");
  return p ? [p.start, p.end] : [-1, -1];
}

export function notifyEvent(msg: M3uaMessage): M3uaNotifyEvent {
  const status = findM3uaParameter(msg, "status");
  const statusType = status?.statusType ?? 0;
  const statusInformation = status?.statusInformation ?? 0;
  let name: M3uaNotifyEvent["status"] = "unknown";
  if (statusType === M3uaStatusType.asStateChange) {
    if (statusInformation === M3uaAsStateChange.asInactive) name = AsState.inactive;
    else if (statusInformation === M3uaAsStateChange.asActive) name = AsState.active;
    else if (statusInformation === M3uaAsStateChange.asPending) name = AsState.pending;
  } else if (statusType === M3uaStatusType.other) {
    if (statusInformation === M3uaOtherStatus.alternateAspActive) name = "alternate-asp-active";
    else if (statusInformation === M3uaOtherStatus.insufficientAspResourcesActiveInAs) {
      name = "insufficient-asp-resources";
    } else if (statusInformation === M3uaOtherStatus.aspFailure) name = "asp-failure";
  }
  const event: M3uaNotifyEvent = {
    statusType,
    statusInformation,
    status: name,
    routingContexts: routingContexts(msg),
  };
  const aspIdentifier = findM3uaParameter(msg, "aspIdentifier")?.aspIdentifier;
  if (aspIdentifier !== undefined) event.aspIdentifier = aspIdentifier;
  const infoString = findM3uaParameter(msg, "infoString")?.infoString;
  if (infoString !== undefined) event.infoString = infoString;
  return event;
}

export function peerErrorEvent(msg: M3uaMessage): M3uaPeerErrorEvent {
  const event: M3uaPeerErrorEvent = {
    errorCode: findM3uaParameter(msg, "errorCode")?.errorCode ?? 0,
    routingContexts: routingContexts(msg),
    affectedPointCodes: findM3uaParameter(msg, "affectedPointCode")?.pointCodes ?? [],
  };
  const na = findM3uaParameter(msg, "networkAppearance")?.networkAppearance;
  if (na !== undefined) event.networkAppearance = na;
  const diag = findM3uaParameter(msg, "diagnosticInformation");
  if (diag && msg.bytes) event.diagnostic = msg.bytes.slice(diag.start, diag.end);
  return event;
}

export function destinationEvent(msg: M3uaMessage): M3uaDestinationEvent {
  const event: M3uaDestinationEvent = {
    pointCodes: findM3uaParameter(msg, "affectedPointCode")?.pointCodes ?? [],
    routingContexts: routingContexts(msg),
  };
  const na = findM3uaParameter(msg, "networkAppearance")?.networkAppearance;
  if (na !== undefined) event.networkAppearance = na;
  const infoString = findM3uaParameter(msg, "infoString")?.infoString;
  if (infoString !== undefined) event.infoString = infoString;
  return event;
}

export function congestionEvent(msg: M3uaMessage): M3uaCongestionEvent {
  const event: M3uaCongestionEvent = destinationEvent(msg);
  const cd = findM3uaParameter(msg, "concernedDestination")?.pointCode;
  if (cd !== undefined) event.concernedDestination = cd;
  const level = findM3uaParameter(msg, "congestionIndications")?.congestionLevel;
  if (level !== undefined) event.congestionLevel = level;
  return event;
}

export function userPartUnavailableEvent(msg: M3uaMessage): M3uaUserPartUnavailableEvent {
  const uc = findM3uaParameter(msg, "userCause");
  return { ...destinationEvent(msg), cause: uc?.cause ?? 0, user: uc?.user ?? 0 };
}
