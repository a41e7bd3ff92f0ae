/**
 * The few parts of the `smpp` npm package (0.5.1, no bundled types) the interoperability test drives.
 * It is a black-box peer: its README's API only.
 */
declare module "smpp" {
  import type { EventEmitter } from "node:events";
  import type { Server } from "node:net";

  /** A PDU as the package decodes it: the spec's snake_case field names, TLVs as fields too. */
  export class PDU {
    constructor(command: string, options?: Record<string, unknown>);
    command: string;
    command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
    [field: string]: unknown;
  }

  type Callback = (pdu: PDU) => void;

  export interface Session extends EventEmitter {
    send(pdu: PDU, responseCallback?: Callback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    bind_transceiver(options: Record<string, unknown>, callback: Callback): void;
    submit_sm(options: Record<string, unknown>, callback: Callback): void;
    enquire_link(options: Record<string, unknown>, callback: Callback): void;
    unbind(options: Record<string, unknown>, callback: Callback): void;
  }

  export function createServer(sessionListener: (session: Session) => void): Server;
  export function connect(options: { url: string }, listener?: () => void): Session;

  const smpp: { createServer: typeof createServer; connect: typeof connect; PDU: typeof PDU };
  export default smpp;
}
