/**
 * A decoded message (an Ss7Message, or a `decode --json` record, which has the same shape) against the
 * ground truth the oracle corpus encoded it from, field by field.
 */
import assert from "node:assert/strict";
import { mapErrorName, mapOperationName } from "../../src/codec/map/names.js";
import type { SccpAddressInput } from "../../src/codec/sccp/index.js";
import type { Truth } from "../oracle/corpus.js";

export interface DecodedAddress {
  ri: string;
  gt?: string;
  ssn?: number;
  pc?: number;
  tt?: number;
  np?: number;
  nai?: number;
}

export interface DecodedComponent {
  type: string;
  invokeId?: number;
  opcode?: number;
  operation?: string;
  errorCode?: number;
  error?: string;
  imsi?: string;
  msisdn?: string;
}

export interface Decoded {
  frame: number;
  opc: number;
  dpc: number;
  sccp: { type: string; calling: DecodedAddress; called: DecodedAddress };
  tcap?: { type: string; otid?: string; dtid?: string; acn?: string };
  components: DecodedComponent[];
  error?: string;
}

/** The address the decoder must report for an encoded one: the GT fields its indicator carries, SSN, PC. */
export function expectedAddress(a: SccpAddressInput): DecodedAddress {
  // Q.713 §3.4.1: routing indicator 1 routes on SSN.
  const out: DecodedAddress = { ri: a.routingIndicator === 1 ? "ssn" : "gt" };
  if (a.gt) {
    out.gt = a.gt.digits;
    if (a.gt.tt !== undefined) out.tt = a.gt.tt;
    if (a.gt.np !== undefined) out.np = a.gt.np;
    if (a.gt.nai !== undefined) out.nai = a.gt.nai;
  }
  if (a.ssn !== undefined) out.ssn = a.ssn;
  if (a.pc !== undefined) out.pc = a.pc;
  return out;
}

export function checkAgainstTruth(m: Decoded, frame: number, t: Truth): void {
  const at = `frame ${frame}`;
  assert.equal(m.frame, frame, at);
  assert.equal(m.opc, t.opc, `${at} opc`);
  assert.equal(m.dpc, t.dpc, `${at} dpc`);
  assert.equal(m.sccp.type, t.sccpType, `${at} sccp.type`);
  assert.deepEqual(m.sccp.calling, expectedAddress(t.calling), `${at} sccp.calling`);
  assert.deepEqual(m.sccp.called, expectedAddress(t.called), `${at} sccp.called`);
  assert.ok(m.tcap, `${at} has tcap`);
  assert.equal(m.tcap.type, t.tcapType, `${at} tcap.type`);
  assert.equal(m.tcap.otid, t.otid, `${at} tcap.otid`);
  assert.equal(m.tcap.dtid, t.dtid, `${at} tcap.dtid`);
  assert.equal(m.tcap.acn, t.acn, `${at} tcap.acn`);
  assert.equal(m.components.length, t.components.length, `${at} components`);
  t.components.forEach((c, i) => {
    const got = m.components[i]!;
    const where = `${at} component ${i}`;
    assert.equal(got.type, c.type, where);
    assert.equal(got.invokeId, c.invokeId, where);
    if (c.type === "returnError") {
      assert.equal(got.errorCode, c.code, where);
      assert.equal(got.error, mapErrorName(c.code!), where);
      assert.equal(got.opcode, undefined, where);
    } else {
      assert.equal(got.opcode, c.code, where);
      assert.equal(got.operation, mapOperationName(c.code!), where);
    }
    assert.equal(got.imsi, c.imsi, `${where} imsi`);
    assert.equal(got.msisdn, c.msisdn, `${where} msisdn`);
  });
  assert.equal(m.error, undefined, at);
}
