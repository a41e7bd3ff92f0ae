import assert from "node:assert/strict";
import * as asn1js from "asn1js";
import { type BerNode, decodeBerTree } from "../../../src/codec/ber/index.js";
import {
  ComponentType,
  ScanCode,
  ScanDialogue,
  type TcapCode,
  type TcapMessage,
  TcapMessageType,
  type TcapScan,
} from "../../../src/codec/tcap/index.js";

const DIALOGUE_KIND: Record<string, number> = {
  aarq: ScanDialogue.aarq,
  aare: ScanDialogue.aare,
  abrt: ScanDialogue.abrt,
  audt: ScanDialogue.audt,
  external: ScanDialogue.external,
};

function assertCode(s: TcapScan, code: TcapCode | undefined): void {
  if (code === undefined) {
    assert.equal(s.opcodeKind, ScanCode.none);
  } else if (code.type === "local") {
    assert.equal(s.opcodeKind, ScanCode.local);
    assert.equal(s.opcode, code.value);
  } else {
    assert.equal(s.opcodeKind, ScanCode.global);
    assert.equal(s.opcodeOid(), code.oid);
  }
}

/** Asserts that what `scanTcap` reported matches the full decode of the same bytes. */
export function assertScanMatches(s: TcapScan, m: TcapMessage): void {
  assert.equal(s.messageType, TcapMessageType[m.type]);
  assert.equal(s.otidHex(), "otid" in m ? m.otid : undefined);
  assert.equal(s.dtidHex(), "dtid" in m ? m.dtid : undefined);
  assert.equal(s.pAbortCause, m.type === "abort" && m.pAbortCause !== undefined ? m.pAbortCause : -1);
  assert.equal(s.dialogue, m.dialogue ? DIALOGUE_KIND[m.dialogue.type] : ScanDialogue.none);
  const acn = m.dialogue && "applicationContext" in m.dialogue ? m.dialogue.applicationContext : undefined;
  assert.equal(s.applicationContext(), acn);
  const components = m.type === "abort" ? undefined : m.components;
  assert.equal(s.componentCount, components?.length ?? 0);
  const first = components?.[0];
  if (!first) {
    assert.equal(s.componentType, 0);
    return;
  }
  assert.equal(s.componentType, ComponentType[first.type]);
  if (first.invokeId === null) assert.equal(s.hasInvokeId, false);
  else {
    assert.equal(s.hasInvokeId, true);
    assert.equal(s.invokeId, first.invokeId);
  }
  switch (first.type) {
    case "invoke":
      assert.equal(s.hasLinkedId, first.linkedId !== undefined);
      if (first.linkedId !== undefined) assert.equal(s.linkedId, first.linkedId);
      assertCode(s, first.opcode);
      break;
    case "returnError":
      assertCode(s, first.errorCode);
      break;
    case "reject":
      assertCode(s, undefined);
      assert.equal(s.problemType, first.problemType);
      assert.equal(s.problem, first.problem);
      break;
    default:
      assertCode(s, first.opcode);
  }
  if (first.type === "reject") return;
  assert.equal(s.paramStart, first.paramStart ?? -1);
  assert.equal(s.paramEnd, first.paramEnd ?? -1);
}

/** asn1js tag class numbering: 1 universal, 2 application, 3 context, 4 private. */
function compareNode(ours: BerNode, theirs: asn1js.AsnType, path: string): void {
  const id = theirs.idBlock;
  assert.equal(id.tagClass - 1, ours.tagClass, `${path}: tag class`);
  assert.equal(id.tagNumber, ours.tagNumber, `${path}: tag number`);
  assert.equal(id.isConstructed, ours.constructed, `${path}: constructed`);
  assert.equal(theirs.lenBlock.length, ours.valueEnd - ours.valueStart, `${path}: length`);
  if (!ours.constructed) return;
  const kids = (theirs.valueBlock as unknown as { value: asn1js.AsnType[] }).value;
  assert.equal(kids.length, ours.children!.length, `${path}: child count`);
  for (let i = 0; i < kids.length; i++) compareNode(ours.children![i]!, kids[i]!, `${path}/${i}`);
}

/**
 * Parses `bytes` with asn1js (an independent BER implementation) and checks that every TLV has the same
 * class, number, form and length as our BER tree sees.
 */
export function assertAsn1jsAgrees(bytes: Uint8Array): void {
  const parsed = asn1js.fromBER(Uint8Array.from(bytes));
  assert.equal(parsed.offset, bytes.length, "asn1js consumed the whole encoding");
  assert.equal(parsed.result.error ?? "", "", "asn1js reports no error");
  const ours = decodeBerTree(bytes);
  assert.equal(ours.length, 1);
  compareNode(ours[0]!, parsed.result, "root");
}
