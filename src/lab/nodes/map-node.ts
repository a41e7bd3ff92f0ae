/**
 * The MAP behaviour of a simulated SS7 node, as a pure function of what it receives: one TCAP message in
 * (with its SCCP called and calling addresses), the messages it answers with out. No I/O and no clock: the
 * transport (an M3UA association, or an in-memory router in the tests) passes each received message to
 * `handle(message, nowMs)`, calls `tick(nowMs)` now and then so dialogues that were never answered expire,
 * and sends whatever either returns.
 *
 * What a node does, as the TCAP (Q.771–Q.774) and MAP (TS 29.002) users of a real one do:
 *  - keeps its dialogues (Begin → Continue … → End / Abort) in a bounded table keyed by its own transaction
 *    ID, allocates TIDs deterministically for a seed, and answers from the address it was called at;
 *  - answers a Begin that carries an AARQ with an AARE (accepted, the same application-context-name) in its
 *    first backward message; refuses an application context it does not serve with an Abort carrying an
 *    AARE (reject-permanent, application-context-name-not-supported — and the version it does serve, when
 *    only the version is too high: TS 29.002 §15.1 version fallback); a Begin without a dialogue portion is
 *    MAP v1 and is answered without one;
 *  - dispatches each Invoke to the handler registered for its operation code, decoding the argument with
 *    the project's typed codec; an operation it does not serve (or one outside the dialogue's application
 *    context) is rejected with Reject invoke/unrecognizedOperation, an argument that does not decode with
 *    invoke/mistypedParameter, a repeated invoke ID with invoke/duplicateInvokeID (Q.773 InvokeProblem);
 *  - ends a dialogue with End once every invoke in it is answered, else continues it (so a handler may keep
 *    a dialogue open, e.g. an HLR's updateLocation waits for insertSubscriberData's result);
 *  - answers a Continue for an unknown transaction with a P-Abort (unrecognizedTransactionID), a malformed
 *    message with what Q.774 prescribes for it (P-Abort with the cause for transaction portion problems, an
 *    ABRT from the dialogue service provider for dialogue portion problems, End with a Reject for component
 *    portion problems), and a Begin it has no room for with a P-Abort (resourceLimitation);
 *  - reports the outcome of each operation it invoked (result, error, reject, abort, returned by SCCP,
 *    dialogue ended without an answer, timeout) to the callback given with the invoke.
 *
 * Every message a node produces is returned by the outermost call into the node that caused it (`handle`,
 * `tick`, or an originating method of a subclass); a node started inside a handler or callback (e.g. the
 * HLR's cancelLocation to the old VLR) comes out with the message being handled.
 */
import { BerClass, BerCursor, BerWriter } from "../../codec/ber/index.js";
import { DecodeError, EncodeError } from "../../codec/errors.js";
import type { MapOperationCodec } from "../../codec/map/codec.js";
import { MapErrorCode } from "../../codec/map/errors.js";
import { mapErrorName } from "../../codec/map/names.js";
import {
  applicationContextByOid,
  MAP_AC_OID_PREFIX,
  MapApplicationContext,
  mapOperationByCode,
} from "../../codec/map/operations.js";
import type { SccpAddressInput } from "../../codec/sccp/index.js";
import { SccpReturnCauseText } from "../../codec/sccp/index.js";
import {
  AbortSource,
  AssociateResult,
  DialogueServiceUserDiagnostic,
  decodeDialoguePortion,
  decodeTcap,
  encodeTcap,
  InvokeProblem,
  PAbortCause,
  ProblemCodeNames,
  ProblemType,
  ProtocolVersion,
  ReturnErrorProblem,
  ReturnResultProblem,
  type TcapComponent,
  type TcapComponentValue,
  TcapDecodeError,
  type TcapDialogueValue,
  TcapElementTag,
  type TcapMessage,
  TcapMessageType,
  type TcapMessageValue,
  type TcapRemedy,
} from "../../codec/tcap/index.js";
import { LabRandom } from "../traffic.js";

// ---------------------------------------------------------------------------------------------------------
// What goes in and out

/**
 * One TCAP message with the SCCP addresses it travels between: what a node receives and sends. A transport
 * puts it in a UDT/XUDT (src/lab/nodes/wire.ts) routed on `called`, and the MTP3 label follows from the GT.
 */
export interface SccpTcapMessage {
  /** SCCP calling party: who sent it (answers go back to it). */
  calling: SccpAddressInput;
  /** SCCP called party: whom it is for. */
  called: SccpAddressInput;
  /** The TCAP message: a value (what nodes produce) or the octets as received (what a transport hands in). */
  tcap: TcapMessageValue | Uint8Array;
  /**
   * Present when the network returned the message instead of delivering it (SCCP UDTS/XUDTS): the
   * Q.713 §3.12 return cause; `tcap` is then the returned data, a message this node sent.
   */
  returnCause?: number;
}

/** What became of an operation a node invoked. */
export type InvokeOutcome<R = unknown> =
  | { type: "result"; result?: R }
  | { type: "error"; errorCode: number; error?: string; parameter?: Uint8Array }
  /** A Reject: sent by the peer (`byPeer`), or by this node about the peer's answer. */
  | { type: "reject"; problemType: number; problem: number; byPeer: boolean }
  /** The dialogue was aborted: P-Abort (`pAbortCause`), U-Abort (`abortSource` when an ABRT said), or refused (AARE). */
  | { type: "abort"; reason: string; pAbortCause?: number; abortSource?: number; refusedDiagnostic?: number }
  /** SCCP returned the message (UDTS/XUDTS): it never reached the destination. */
  | { type: "returned"; returnCause: number }
  /** The peer ended the dialogue without answering this invoke. */
  | { type: "ended" }
  /** No answer before the dialogue expired. */
  | { type: "timeout" };

export type OutcomeType = InvokeOutcome["type"];

/** One line for a scenario runner: "result", "error unknownSubscriber (1)", "abort: p-abort resourceLimitation (4)". */
export function describeOutcome(o: InvokeOutcome): string {
  switch (o.type) {
    case "result":
      return "result";
    case "error":
      return `error ${o.error ?? "unknown error"} (${o.errorCode})`;
    case "reject": {
      const names = ProblemCodeNames[o.problemType as ProblemType] ?? {};
      const name = Object.entries(names).find(([, v]) => v === o.problem)?.[0] ?? String(o.problem);
      const type =
        ["general", "invoke", "returnResult", "returnError"][o.problemType] ?? String(o.problemType);
      return `reject ${type}/${name}${o.byPeer ? "" : " (sent by us)"}`;
    }
    case "abort":
      return `abort: ${o.reason}`;
    case "returned":
      return `returned by SCCP: ${SccpReturnCauseText[o.returnCause] ?? "cause"} (${o.returnCause})`;
    case "ended":
      return "dialogue ended without an answer";
    case "timeout":
      return "no answer (timeout)";
  }
}

/** The SCCP address of a node: route on GT (E.164, international, TT 0) with its subsystem, as the lab uses. */
export function addressOf(gt: string, ssn: number): SccpAddressInput {
  // Q.713 §3.4.2.3.2: encoding scheme 1 = BCD odd number of digits, 2 = BCD even.
  return { ssn, gt: { digits: gt, tt: 0, np: 1, es: gt.length % 2 === 1 ? 1 : 2, nai: 4 } };
}

/** The GT digits of an address, if it has a GT. */
export function gtOf(address: SccpAddressInput): string | undefined {
  return address.gt?.digits;
}

// ---------------------------------------------------------------------------------------------------------
// Handlers

/** The part of a dialogue a handler sees. */
export interface DialogueView {
  /** This node's transaction ID. */
  readonly localTid: string;
  /** The peer's transaction ID (unknown until the peer answers a dialogue this node began). */
  readonly remoteTid: string | undefined;
  /** This node's address in the dialogue (the calling party of what it sends). */
  readonly local: SccpAddressInput;
  /** The peer's address (the called party of what this node sends). */
  readonly peer: SccpAddressInput;
  /** Application-context-name (dotted OID); undefined for a MAP v1 dialogue without a dialogue portion. */
  readonly acn: string | undefined;
  /** Free slot for the node's own per-dialogue state. */
  readonly data: Record<string, unknown>;
}

/** A received Invoke, handed to the handler of its operation. Answer it at once or later (from a callback). */
export interface InvokeRequest<A, R> {
  readonly argument: A;
  readonly invokeId: number;
  readonly opcode: number;
  readonly dialogue: DialogueView;
  /** When the Invoke arrived (ms). */
  readonly nowMs: number;
  /** The SCCP address the Invoke came from. */
  readonly from: SccpAddressInput;
  /** Whether it has been answered (or can no longer be: the dialogue is gone). */
  readonly answered: boolean;
  /** ReturnResultLast, with the result parameter when `value` is given. */
  result(value?: R): void;
  /** ReturnError with a local MAP error code (`MapErrorCode`) and optionally its parameter TLV. */
  error(errorCode: number, parameter?: Uint8Array): void;
  /** Reject invoke/`problem` (`InvokeProblem`). */
  reject(problem: number): void;
  /** Invokes an operation on the peer in the same dialogue (e.g. insertSubscriberData inside updateLocation). */
  invoke<A2, R2>(
    codec: MapOperationCodec<A2, R2>,
    argument: A2,
    onOutcome: (o: InvokeOutcome<R2>) => void,
  ): void;
}

export type InvokeHandler<A, R> = (request: InvokeRequest<A, R>) => void;

// ---------------------------------------------------------------------------------------------------------
// The node

export interface MapNodeOptions {
  /** For logs and reports. */
  name: string;
  /** The GT the node originates dialogues from by default. */
  gt: string;
  /** Seeds transaction ID allocation (and whatever a subclass draws). Default 1. */
  seed?: number;
  /** Most dialogues held at once; a Begin beyond it is answered with P-Abort resourceLimitation. Default 10,000. */
  maxDialogues?: number;
  /** A dialogue with no traffic for this long is dropped and its open invokes time out. Default 30,000 ms. */
  dialogueTimeoutMs?: number;
}

export interface MapNodeStats {
  /** Messages handed to `handle`. */
  received: number;
  /** Messages the node produced. */
  sent: number;
  dialoguesOpened: number;
  /** Undecodable TCAP received. */
  malformed: number;
  /** Aborts this node sent. */
  abortsSent: number;
  /** Reject components this node sent. */
  rejectsSent: number;
  /** Begins refused: unsupported application context, or no room. */
  refused: number;
  /** Dialogues dropped by the timeout. */
  expired: number;
  /** Continue/End/Abort naming a transaction this node does not have. */
  unknownTransaction: number;
  /** Messages the network returned (UDTS/XUDTS). */
  returned: number;
}

type DialogueState = "initSent" | "initReceived" | "active";

interface PendingInvoke {
  readonly opcode: number;
  readonly decodeResult?: (bytes: Uint8Array, start: number, end: number) => unknown;
  readonly onOutcome: (o: InvokeOutcome) => void;
}

class Dialogue implements DialogueView {
  remoteTid: string | undefined;
  state: DialogueState;
  /** The first backward message must carry an AARE (the Begin had an AARQ). */
  needsAare = false;
  beginSent = false;
  /** No more messages: an End/Abort arrived, or the dialogue was closed. */
  closed = false;
  readonly queue: TcapComponentValue[] = [];
  readonly sent = new Map<number, PendingInvoke>();
  readonly received = new Set<number>();
  nextInvokeId = 1;
  expiresAt: number;
  readonly data: Record<string, unknown> = {};

  constructor(
    readonly localTid: string,
    public local: SccpAddressInput,
    public peer: SccpAddressInput,
    readonly acn: string | undefined,
    state: DialogueState,
    expiresAt: number,
  ) {
    this.state = state;
    this.expiresAt = expiresAt;
  }
}

interface Operation {
  readonly codec: MapOperationCodec<unknown, unknown>;
  readonly handler: InvokeHandler<unknown, unknown>;
  /** `<ac>` arcs of the application contexts the operation belongs to (TS 29.002 §17.3). */
  readonly contexts: ReadonlySet<number>;
}

const ACN_PATTERN = /^0\.4\.0\.0\.1\.0\.(\d+)\.(\d+)$/;

/** A MAP application-context-name's `<ac>` arc and version, when it is one. */
function parseAcn(acn: string): { acId: number; version: number } | undefined {
  const m = ACN_PATTERN.exec(acn);
  return m ? { acId: Number(m[1]), version: Number(m[2]) } : undefined;
}

function aarq(acn: string): TcapDialogueValue {
  return { type: "aarq", protocolVersion: ProtocolVersion.version1, applicationContext: acn };
}

function aare(acn: string, result: number = AssociateResult.accepted, diagnostic = 0): TcapDialogueValue {
  return {
    type: "aare",
    protocolVersion: ProtocolVersion.version1,
    applicationContext: acn,
    result,
    diagnosticSource: "dialogueServiceUser",
    diagnostic,
  };
}

/** ABRT from the dialogue service provider: Q.774's answer to a dialogue portion it cannot understand. */
const PROVIDER_ABRT: TcapDialogueValue = { type: "abrt", abortSource: AbortSource.dialogueServiceProvider };

function encodeParameter(write: (w: BerWriter) => void): Uint8Array {
  const w = new BerWriter(64);
  write(w);
  return w.finish();
}

/** The transaction IDs (and dialogue portion) of a TCAP message that did not decode, as far as they can be read. */
function salvage(bytes: Uint8Array): {
  type: number;
  otid?: string;
  dtid?: string;
  dialogue?: [number, number];
} {
  const out: { type: number; otid?: string; dtid?: string; dialogue?: [number, number] } = { type: -1 };
  const c = new BerCursor(bytes);
  try {
    c.read(0, bytes.length);
    if (c.tagClass !== BerClass.application || !c.constructed) return out;
    out.type = c.tagNumber;
    let at = c.valueStart;
    const end = c.valueEnd;
    while (at < end) {
      c.read(at, end);
      const n = c.valueEnd - c.valueStart;
      const hex = () => Buffer.from(bytes.subarray(c.valueStart, c.valueEnd)).toString("hex");
      if (c.tagClass === BerClass.application && !c.constructed && n >= 1 && n <= 4) {
        if (c.tagNumber === TcapElementTag.otid && out.otid === undefined) out.otid = hex();
        else if (c.tagNumber === TcapElementTag.dtid && out.dtid === undefined) out.dtid = hex();
      } else if (c.tagClass === BerClass.application && c.tagNumber === TcapElementTag.dialoguePortion) {
        out.dialogue = [c.start, c.end];
      }
      at = c.end;
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
  return out;
}

export class MapNode {
  readonly name: string;
  readonly gt: string;
  readonly stats: MapNodeStats = {
    received: 0,
    sent: 0,
    dialoguesOpened: 0,
    malformed: 0,
    abortsSent: 0,
    rejectsSent: 0,
    refused: 0,
    expired: 0,
    unknownTransaction: 0,
    returned: 0,
  };
  protected readonly rnd: LabRandom;
  readonly maxDialogues: number;
  readonly dialogueTimeoutMs: number;

  private readonly operations = new Map<number, Operation>();
  /** Application contexts served: `<ac>` arc → highest version. */
  private readonly contexts = new Map<number, number>();
  private readonly dialogues = new Map<string, Dialogue>();
  private nextTid: number;
  private outbox: SccpTcapMessage[] = [];
  private readonly dirty = new Set<Dialogue>();
  private depth = 0;
  /** The time of the call being handled (ms): what handlers and outcome callbacks run at. */
  protected nowMs = 0;

  constructor(options: MapNodeOptions) {
    this.name = options.name;
    this.gt = options.gt;
    this.rnd = new LabRandom(options.seed ?? 1);
    this.maxDialogues = options.maxDialogues ?? 10_000;
    this.dialogueTimeoutMs = options.dialogueTimeoutMs ?? 30_000;
    if (!(this.maxDialogues >= 1)) throw new RangeError("maxDialogues must be at least 1");
    this.nextTid = this.rnd.int(0x1_0000_0000);
  }

  /** Dialogues currently held. */
  get dialogueCount(): number {
    return this.dialogues.size;
  }

  /** Handles one received message; returns the messages to send (answers, and dialogues it started). */
  handle(incoming: SccpTcapMessage, nowMs: number): SccpTcapMessage[] {
    return this.run(nowMs, () => {
      this.stats.received++;
      const bytes = incoming.tcap instanceof Uint8Array ? incoming.tcap : encodeTcap(incoming.tcap);
      if (incoming.returnCause !== undefined) {
        this.onReturned(bytes, incoming.returnCause);
        return;
      }
      let m: TcapMessage;
      try {
        m = decodeTcap(bytes);
      } catch (e) {
        if (!(e instanceof TcapDecodeError)) throw e;
        this.onMalformed(e.remedy, bytes, incoming);
        return;
      }
      this.receive(m, bytes, incoming, nowMs);
    });
  }

  /** Drops dialogues idle for longer than the timeout (their open invokes time out); returns what that caused. */
  tick(nowMs: number): SccpTcapMessage[] {
    return this.run(nowMs, () => this.expire(nowMs));
  }

  // -------------------------------------------------------------------------------------------------------
  // For subclasses

  /** Serves operation `codec.opcode` with `handler`, in the application contexts TS 29.002 lists for it. */
  protected serve<A, R>(codec: MapOperationCodec<A, R>, handler: InvokeHandler<A, R>): void {
    const info = mapOperationByCode(codec.opcode);
    const contexts = new Set<number>();
    for (const c of info?.contexts ?? []) {
      const acId = MapApplicationContext[c.name];
      contexts.add(acId);
      const max = Math.max(...c.versions);
      if ((this.contexts.get(acId) ?? 0) < max) this.contexts.set(acId, max);
    }
    this.operations.set(codec.opcode, {
      codec: codec as MapOperationCodec<unknown, unknown>,
      handler: handler as InvokeHandler<unknown, unknown>,
      contexts,
    });
  }

  /**
   * Runs `fn` (which may open dialogues and invoke) at time `nowMs`, then returns every message that caused.
   * Nested calls (an originating method called from a handler or callback) leave their messages to the
   * outermost call.
   */
  protected run(nowMs: number, fn: () => void): SccpTcapMessage[] {
    if (this.depth === 0 || nowMs > this.nowMs) this.nowMs = nowMs;
    this.depth++;
    try {
      fn();
    } catch (e) {
      // A failing handler (a bug) must not leave half a call's messages for the next call to send.
      if (this.depth === 1) {
        this.outbox = [];
        this.dirty.clear();
      }
      throw e;
    } finally {
      this.depth--;
    }
    if (this.depth > 0) return [];
    this.flush();
    const out = this.outbox;
    this.outbox = [];
    return out;
  }

  /** Opens a dialogue toward `called` (a Begin is sent with its first invoke). */
  protected open(options: {
    called: SccpAddressInput;
    calling: SccpAddressInput;
    /** Application-context-name; leave out for a MAP v1 dialogue (no dialogue portion). */
    acn?: string;
    data?: Record<string, unknown>;
  }): DialogueView {
    const nowMs = this.nowMs;
    if (this.dialogues.size >= this.maxDialogues) this.expire(nowMs);
    if (this.dialogues.size >= this.maxDialogues) {
      // Full of live dialogues: the oldest gives way (its invokes time out), as a TC would recycle it.
      const oldest = this.dialogues.values().next().value!;
      this.stats.expired++;
      this.close(oldest, { type: "timeout" });
    }
    const d = new Dialogue(
      this.allocateTid(),
      options.calling,
      options.called,
      options.acn,
      "initSent",
      nowMs + this.dialogueTimeoutMs,
    );
    if (options.data) Object.assign(d.data, options.data);
    this.dialogues.set(d.localTid, d);
    this.stats.dialoguesOpened++;
    return d;
  }

  /** Invokes `codec`'s operation in dialogue `dialogue`; `onOutcome` hears what became of it. */
  protected invoke<A, R>(
    dialogue: DialogueView,
    codec: MapOperationCodec<A, R>,
    argument: A,
    onOutcome: (o: InvokeOutcome<R>) => void,
  ): void {
    let parameter: Uint8Array;
    try {
      parameter = encodeParameter((w) => codec.encodeArgument(w, argument));
    } catch (e) {
      if (!(e instanceof EncodeError)) throw e;
      onOutcome({ type: "abort", reason: `not sent: the argument does not encode (${e.message})` });
      return;
    }
    const decodeResult = codec.decodeResult?.bind(codec);
    this.invokeRaw(dialogue, codec.opcode, parameter, onOutcome as (o: InvokeOutcome) => void, decodeResult);
  }

  /** Invokes an operation by code with a ready-made parameter TLV (or none): for operations without a codec. */
  protected invokeRaw(
    dialogue: DialogueView,
    opcode: number,
    parameter: Uint8Array | undefined,
    onOutcome: (o: InvokeOutcome) => void,
    decodeResult?: (bytes: Uint8Array, start: number, end: number) => unknown,
  ): void {
    const d = dialogue as Dialogue;
    if (d.closed) {
      onOutcome({ type: "ended" });
      return;
    }
    const invokeId = this.allocateInvokeId(d);
    const c: TcapComponentValue = { type: "invoke", invokeId, opcode: { type: "local", value: opcode } };
    if (parameter !== undefined) c.parameter = parameter;
    d.queue.push(c);
    d.sent.set(invokeId, { opcode, onOutcome, ...(decodeResult ? { decodeResult } : {}) });
    this.dirty.add(d);
  }

  // -------------------------------------------------------------------------------------------------------
  // Receiving

  private receive(m: TcapMessage, bytes: Uint8Array, incoming: SccpTcapMessage, nowMs: number): void {
    switch (m.type) {
      case "begin":
        this.onBegin(m, bytes, incoming, nowMs);
        return;
      case "continue": {
        const d = this.dialogues.get(m.dtid);
        if (!d) {
          this.stats.unknownTransaction++;
          this.pAbort(incoming, m.otid, PAbortCause.unrecognizedTransactionID);
          return;
        }
        this.touch(d, nowMs);
        if (d.state === "initSent") {
          // Q.771 §3.2.1.2: the first backward message fixes the peer's TID; its calling address is where
          // the rest of the dialogue goes (Q.714 §4.1.2).
          d.remoteTid = m.otid;
          d.peer = incoming.calling;
          if (m.dialogue?.type === "aare" && m.dialogue.result !== AssociateResult.accepted) {
            this.close(d, {
              type: "abort",
              reason: "dialogue refused",
              refusedDiagnostic: m.dialogue.diagnostic,
            });
            return;
          }
        }
        d.state = "active";
        this.dirty.add(d);
        this.components(d, m.components ?? [], bytes, incoming, nowMs);
        return;
      }
      case "end": {
        const d = this.dialogues.get(m.dtid);
        if (!d) {
          this.stats.unknownTransaction++;
          return;
        }
        if (m.dialogue?.type === "aare" && m.dialogue.result !== AssociateResult.accepted) {
          this.close(d, {
            type: "abort",
            reason: "dialogue refused",
            refusedDiagnostic: m.dialogue.diagnostic,
          });
          return;
        }
        // Nothing more can be sent in it: handlers still run (their side effects count), answers are dropped.
        d.closed = true;
        this.components(d, m.components ?? [], bytes, incoming, nowMs);
        this.close(d, { type: "ended" });
        return;
      }
      case "abort": {
        const d = this.dialogues.get(m.dtid);
        if (!d) {
          this.stats.unknownTransaction++;
          return;
        }
        this.close(d, abortOutcome(m));
        return;
      }
      case "unidirectional": {
        // No dialogue to answer in: invokes run, their answers go nowhere.
        const d = new Dialogue("", incoming.called, incoming.calling, undefined, "active", nowMs);
        d.closed = true;
        this.components(d, m.components, bytes, incoming, nowMs);
        return;
      }
    }
  }

  private onBegin(
    m: Extract<TcapMessage, { type: "begin" }>,
    bytes: Uint8Array,
    incoming: SccpTcapMessage,
    nowMs: number,
  ): void {
    let acn: string | undefined;
    if (m.dialogue) {
      if (m.dialogue.type !== "aarq") {
        this.abort(incoming, { type: "abort", dtid: m.otid, dialogue: PROVIDER_ABRT });
        return;
      }
      acn = m.dialogue.applicationContext;
      const refusal = this.refusal(acn);
      if (refusal !== undefined) {
        // TS 29.002 §15.1 / Q.773: TC-U-ABORT carrying an AARE that rejects the application context.
        this.stats.refused++;
        this.abort(incoming, {
          type: "abort",
          dtid: m.otid,
          dialogue: aare(
            refusal,
            AssociateResult.rejectPermanent,
            DialogueServiceUserDiagnostic.applicationContextNameNotSupported,
          ),
        });
        return;
      }
    }
    if (this.dialogues.size >= this.maxDialogues) this.expire(nowMs);
    if (this.dialogues.size >= this.maxDialogues) {
      this.stats.refused++;
      this.pAbort(incoming, m.otid, PAbortCause.resourceLimitation);
      return;
    }
    const d = new Dialogue(
      this.allocateTid(),
      incoming.called,
      incoming.calling,
      acn,
      "initReceived",
      nowMs + this.dialogueTimeoutMs,
    );
    d.remoteTid = m.otid;
    d.needsAare = acn !== undefined;
    this.dialogues.set(d.localTid, d);
    this.stats.dialoguesOpened++;
    this.dirty.add(d);
    this.components(d, m.components ?? [], bytes, incoming, nowMs);
  }

  /** Undefined when the node serves `acn`; else the application-context-name to refuse it with. */
  private refusal(acn: string): string | undefined {
    const parsed = parseAcn(acn);
    const max = parsed && this.contexts.get(parsed.acId);
    if (!parsed || max === undefined) return acn;
    if (parsed.version > max) return `${MAP_AC_OID_PREFIX}.${parsed.acId}.${max}`;
    return applicationContextByOid(acn) ? undefined : acn;
  }

  private components(
    d: Dialogue,
    components: readonly TcapComponent[],
    bytes: Uint8Array,
    incoming: SccpTcapMessage,
    nowMs: number,
  ): void {
    for (const c of components) {
      switch (c.type) {
        case "invoke":
          this.onInvoke(d, c, bytes, incoming, nowMs);
          break;
        case "returnResultLast": {
          const p = d.sent.get(c.invokeId);
          if (!p) {
            this.queueReject(
              d,
              c.invokeId,
              ProblemType.returnResult,
              ReturnResultProblem.unrecognizedInvokeID,
            );
            break;
          }
          d.sent.delete(c.invokeId);
          let result: unknown;
          if (c.paramStart !== undefined && c.paramEnd !== undefined && p.decodeResult) {
            try {
              result = p.decodeResult(bytes, c.paramStart, c.paramEnd);
            } catch (e) {
              if (!(e instanceof DecodeError)) throw e;
              this.queueReject(
                d,
                c.invokeId,
                ProblemType.returnResult,
                ReturnResultProblem.mistypedParameter,
              );
              p.onOutcome({
                type: "reject",
                problemType: ProblemType.returnResult,
                problem: ReturnResultProblem.mistypedParameter,
                byPeer: false,
              });
              break;
            }
          }
          p.onOutcome(result === undefined ? { type: "result" } : { type: "result", result });
          break;
        }
        case "returnResultNotLast":
          // Segmented results (Q.771 §3.1.2.3): the lab never sends them; the invoke stays open for the last one.
          if (!d.sent.has(c.invokeId))
            this.queueReject(
              d,
              c.invokeId,
              ProblemType.returnResult,
              ReturnResultProblem.unrecognizedInvokeID,
            );
          break;
        case "returnError": {
          const p = d.sent.get(c.invokeId);
          if (!p) {
            this.queueReject(d, c.invokeId, ProblemType.returnError, ReturnErrorProblem.unrecognizedInvokeID);
            break;
          }
          d.sent.delete(c.invokeId);
          const code = c.errorCode.type === "local" ? c.errorCode.value : -1;
          const o: InvokeOutcome = { type: "error", errorCode: code };
          const name = mapErrorName(code);
          if (name !== undefined) o.error = name;
          if (c.paramStart !== undefined && c.paramEnd !== undefined)
            o.parameter = bytes.slice(c.paramStart, c.paramEnd);
          p.onOutcome(o);
          break;
        }
        case "reject": {
          // A Reject whose invoke ID is not derivable concerns something of ours we cannot tell: all of it.
          const ids = c.invokeId === null ? [...d.sent.keys()] : d.sent.has(c.invokeId) ? [c.invokeId] : [];
          for (const id of ids) {
            const p = d.sent.get(id)!;
            d.sent.delete(id);
            p.onOutcome({ type: "reject", problemType: c.problemType, problem: c.problem, byPeer: true });
          }
          break;
        }
      }
    }
  }

  private onInvoke(
    d: Dialogue,
    c: Extract<TcapComponent, { type: "invoke" }>,
    bytes: Uint8Array,
    incoming: SccpTcapMessage,
    nowMs: number,
  ): void {
    // Q.773: an invoke ID stays in use until its answer has gone out (here: until the message is sent).
    if (d.received.has(c.invokeId) || d.queue.some((q) => q.type !== "invoke" && q.invokeId === c.invokeId)) {
      this.queueReject(d, c.invokeId, ProblemType.invoke, InvokeProblem.duplicateInvokeID);
      return;
    }
    const op = c.opcode.type === "local" ? this.operations.get(c.opcode.value) : undefined;
    const ac = d.acn === undefined ? undefined : parseAcn(d.acn);
    if (!op || (ac !== undefined && !op.contexts.has(ac.acId))) {
      // Q.773 InvokeProblem unrecognizedOperation; TS 29.002 §16.2: also for an operation the dialogue's
      // application context does not contain.
      this.queueReject(d, c.invokeId, ProblemType.invoke, InvokeProblem.unrecognizedOperation);
      return;
    }
    let argument: unknown;
    try {
      if (c.paramStart === undefined || c.paramEnd === undefined)
        throw new DecodeError("map", 0, "the operation needs an argument");
      argument = op.codec.decodeArgument(bytes, c.paramStart, c.paramEnd);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.queueReject(d, c.invokeId, ProblemType.invoke, InvokeProblem.mistypedParameter);
      return;
    }
    d.received.add(c.invokeId);
    const node = this;
    const invokeId = c.invokeId;
    const opcode = op.codec.opcode;
    const codec = op.codec;
    const answer = (component: TcapComponentValue): boolean => {
      if (!d.received.delete(invokeId) || d.closed) return false;
      d.queue.push(component);
      node.dirty.add(d);
      return true;
    };
    const request: InvokeRequest<unknown, unknown> = {
      argument,
      invokeId,
      opcode,
      dialogue: d,
      nowMs,
      from: incoming.calling,
      get answered() {
        return d.closed || !d.received.has(invokeId);
      },
      result(value?: unknown) {
        if (value === undefined) {
          answer({ type: "returnResultLast", invokeId });
          return;
        }
        if (!codec.encodeResult) throw new Error(`operation ${opcode} has no result to encode`);
        let parameter: Uint8Array;
        try {
          parameter = encodeParameter((w) => codec.encodeResult!(w, value));
        } catch (e) {
          // A result built from what a peer sent (e.g. a relayed VLR answer) that does not encode: the
          // node cannot answer properly, as a real one would then say (TS 29.002 §17.6.6).
          if (!(e instanceof EncodeError)) throw e;
          answer({
            type: "returnError",
            invokeId,
            errorCode: { type: "local", value: MapErrorCode.systemFailure },
          });
          return;
        }
        answer({ type: "returnResultLast", invokeId, opcode: { type: "local", value: opcode }, parameter });
      },
      error(errorCode: number, parameter?: Uint8Array) {
        const component: TcapComponentValue = {
          type: "returnError",
          invokeId,
          errorCode: { type: "local", value: errorCode },
        };
        if (parameter !== undefined) component.parameter = parameter;
        answer(component);
      },
      reject(problem: number) {
        if (answer({ type: "reject", invokeId, problemType: ProblemType.invoke, problem }))
          node.stats.rejectsSent++;
      },
      invoke(codec2, argument2, onOutcome) {
        node.invoke(d, codec2, argument2, onOutcome);
      },
    };
    op.handler(request);
  }

  private onReturned(bytes: Uint8Array, returnCause: number): void {
    this.stats.returned++;
    let m: TcapMessage;
    try {
      m = decodeTcap(bytes);
    } catch (e) {
      if (!(e instanceof TcapDecodeError)) throw e;
      return;
    }
    // Only what carries our TID as otid can be matched: a Begin or Continue of ours.
    if (m.type !== "begin" && m.type !== "continue") return;
    const d = this.dialogues.get(m.otid);
    if (d) this.close(d, { type: "returned", returnCause });
  }

  private onMalformed(remedy: TcapRemedy, bytes: Uint8Array, incoming: SccpTcapMessage): void {
    this.stats.malformed++;
    const s = salvage(bytes);
    // An answer in one of our dialogues that cannot be read ends the dialogue here too.
    if (s.dtid !== undefined && s.type !== TcapMessageType.begin) {
      const d = this.dialogues.get(s.dtid);
      if (d) this.close(d, { type: "abort", reason: "malformed answer" });
    }
    // Q.774: only a message with an originating TID can be answered (Begin, Continue, or an unknown type).
    const answerable = s.type !== TcapMessageType.end && s.type !== TcapMessageType.abort;
    if (s.otid === undefined || !answerable || s.type === TcapMessageType.unidirectional) return;
    switch (remedy.type) {
      case "pAbort":
        this.pAbort(incoming, s.otid, remedy.cause);
        return;
      case "abnormalDialogue":
      case "noCommonDialoguePortion":
        this.abort(incoming, { type: "abort", dtid: s.otid, dialogue: PROVIDER_ABRT });
        return;
      case "reject": {
        const end: TcapMessageValue = {
          type: "end",
          dtid: s.otid,
          components: [
            { type: "reject", invokeId: null, problemType: remedy.problemType, problem: remedy.problem },
          ],
        };
        // A Begin whose AARQ was fine still gets its AARE, so the reject reaches the peer's component sublayer.
        if (s.type === TcapMessageType.begin && s.dialogue) {
          try {
            const dp = decodeDialoguePortion(bytes, s.dialogue[0], s.dialogue[1]);
            if (dp.type === "aarq" && this.refusal(dp.applicationContext) === undefined)
              end.dialogue = aare(dp.applicationContext);
          } catch (e) {
            if (!(e instanceof TcapDecodeError)) throw e;
          }
        }
        this.stats.rejectsSent++;
        this.emit(incoming.called, incoming.calling, end);
        return;
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Sending

  private flush(): void {
    while (this.dirty.size > 0) {
      const d = this.dirty.values().next().value!;
      this.dirty.delete(d);
      this.flushDialogue(d);
    }
  }

  private flushDialogue(d: Dialogue): void {
    if (d.closed) return;
    const components = d.queue.splice(0);
    if (d.state === "initSent") {
      if (d.beginSent) {
        // The peer has not answered yet, so there is no dtid to continue with: wait for it.
        d.queue.push(...components);
        return;
      }
      if (components.length === 0) return;
      const begin: TcapMessageValue = { type: "begin", otid: d.localTid, components };
      if (d.acn !== undefined) begin.dialogue = aarq(d.acn);
      d.beginSent = true;
      this.emit(d.local, d.peer, begin);
      return;
    }
    const remoteTid = d.remoteTid!;
    if (d.received.size === 0 && d.sent.size === 0) {
      const end: TcapMessageValue = { type: "end", dtid: remoteTid };
      if (d.needsAare) end.dialogue = aare(d.acn!);
      if (components.length > 0) end.components = components;
      this.emit(d.local, d.peer, end);
      this.close(d, { type: "ended" });
      return;
    }
    // Still open: say something only when there is something to say (a handler waiting on another
    // dialogue answers later, with the AARE then).
    if (components.length === 0) return;
    const cont: TcapMessageValue = { type: "continue", otid: d.localTid, dtid: remoteTid, components };
    if (d.needsAare) cont.dialogue = aare(d.acn!);
    d.needsAare = false;
    d.state = "active";
    this.emit(d.local, d.peer, cont);
  }

  private emit(calling: SccpAddressInput, called: SccpAddressInput, tcap: TcapMessageValue): void {
    this.stats.sent++;
    this.outbox.push({ calling, called, tcap });
  }

  private abort(incoming: SccpTcapMessage, tcap: TcapMessageValue): void {
    this.stats.abortsSent++;
    this.emit(incoming.called, incoming.calling, tcap);
  }

  private pAbort(incoming: SccpTcapMessage, dtid: string, cause: number): void {
    this.abort(incoming, { type: "abort", dtid, pAbortCause: cause });
  }

  private queueReject(d: Dialogue, invokeId: number, problemType: ProblemType, problem: number): void {
    if (d.closed) return;
    this.stats.rejectsSent++;
    d.queue.push({ type: "reject", invokeId, problemType, problem });
    this.dirty.add(d);
  }

  // -------------------------------------------------------------------------------------------------------
  // Dialogue table

  /** Removes `d` and tells every open invoke in it `outcome`. */
  private close(d: Dialogue, outcome: InvokeOutcome): void {
    d.closed = true;
    this.dialogues.delete(d.localTid);
    this.dirty.delete(d);
    const pending = [...d.sent.values()];
    d.sent.clear();
    d.received.clear();
    d.queue.length = 0;
    for (const p of pending) p.onOutcome(outcome);
  }

  private touch(d: Dialogue, nowMs: number): void {
    d.expiresAt = nowMs + this.dialogueTimeoutMs;
  }

  private expire(nowMs: number): void {
    const expired: Dialogue[] = [];
    for (const d of this.dialogues.values()) if (d.expiresAt <= nowMs) expired.push(d);
    // Dialogues this node began go first: their timeouts may let a handler answer a dialogue that was
    // waiting on them (the HLR answers an ATI from its own record when the VLR never does); a dialogue
    // that now has something to send is not dropped.
    expired.sort((a, b) => Number(b.state === "initSent") - Number(a.state === "initSent"));
    for (const d of expired) {
      if (d.closed || this.dirty.has(d)) continue;
      this.stats.expired++;
      this.close(d, { type: "timeout" });
    }
  }

  private allocateTid(): string {
    for (;;) {
      this.nextTid = (this.nextTid + 1) >>> 0;
      const tid = this.nextTid.toString(16).padStart(8, "0");
      if (!this.dialogues.has(tid)) return tid;
    }
  }

  private allocateInvokeId(d: Dialogue): number {
    // Q.773 InvokeIdType: this node's IDs run 1…127 in each dialogue, skipping any still in use either way.
    for (let tries = 0; tries < 127; tries++) {
      const id = d.nextInvokeId;
      d.nextInvokeId = id >= 127 ? 1 : id + 1;
      if (!d.sent.has(id) && !d.received.has(id)) return id;
    }
    throw new RangeError(`no free invoke ID in dialogue ${d.localTid}`);
  }
}

function abortOutcome(m: Extract<TcapMessage, { type: "abort" }>): InvokeOutcome {
  if (m.pAbortCause !== undefined) {
    const name = Object.entries(PAbortCause).find(([, v]) => v === m.pAbortCause)?.[0] ?? "cause";
    return { type: "abort", reason: `p-abort ${name} (${m.pAbortCause})`, pAbortCause: m.pAbortCause };
  }
  const d = m.dialogue;
  if (d?.type === "aare") {
    return {
      type: "abort",
      reason: `dialogue refused (diagnostic ${d.diagnostic})`,
      refusedDiagnostic: d.diagnostic,
    };
  }
  if (d?.type === "abrt") {
    const by = d.abortSource === AbortSource.dialogueServiceProvider ? "provider" : "user";
    return {
      type: "abort",
      reason: `u-abort (ABRT from the dialogue service ${by})`,
      abortSource: d.abortSource,
    };
  }
  return { type: "abort", reason: "u-abort" };
}
