import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { MapErrorCode, mapErrorByCode, mapErrorByName, mapErrors } from "../../../src/codec/map/errors.js";
import {
  applicationContext,
  applicationContextById,
  applicationContextByOid,
  camelFromSpecName,
  fs11CategoryOf,
  MapApplicationContext,
  MapOperation,
  mapApplicationContexts,
  mapOperationByCode,
  mapOperationByName,
  mapOperations,
} from "../../../src/codec/map/operations.js";

/**
 * Every application-context-name of TS 29.002 §17.3.3 MAP-ApplicationContexts (V14.3.0): the value
 * assignments, then the names "reserved for application-contexts existing in previous versions", then
 * two names the V14.3.0 ASN.1 lists do not carry: shortMsgMO-RelayContext-v2, the v2-equivalent context
 * §17.3.2 names, and secureTransportHandlingContext-v3 of the MAPsec releases (Rel-4 to Rel-6); Wireshark's
 * gsm_map dissector registers both.
 */
const SPEC_CONTEXTS = `
networkLocUpContext-v3 1 3; locationCancellationContext-v3 2 3; roamingNumberEnquiryContext-v3 3 3;
authenticationFailureReportContext-v3 39 3; locationInfoRetrievalContext-v3 5 3; resetContext-v3 10 3;
handoverControlContext-v3 11 3; equipmentMngtContext-v3 13 3; infoRetrievalContext-v3 14 3;
interVlrInfoRetrievalContext-v3 15 3; subscriberDataMngtContext-v3 16 3; tracingContext-v3 17 3;
networkFunctionalSsContext-v2 18 2; networkUnstructuredSsContext-v2 19 2; shortMsgGatewayContext-v3 20 3;
shortMsgMO-RelayContext-v3 21 3; shortMsgAlertContext-v2 23 2; mwdMngtContext-v3 24 3;
shortMsgMT-RelayContext-v3 25 3; shortMsgMT-Relay-VGCS-Context-v3 41 3; imsiRetrievalContext-v2 26 2;
msPurgingContext-v3 27 3; subscriberInfoEnquiryContext-v3 28 3; anyTimeInfoEnquiryContext-v3 29 3;
callControlTransferContext-v4 6 4; ss-InvocationNotificationContext-v3 36 3; groupCallControlContext-v3 31 3;
groupCallInfoRetrievalContext-v3 45 3; gprsLocationUpdateContext-v3 32 3;
gprsLocationInfoRetrievalContext-v4 33 4; failureReportContext-v3 34 3; gprsNotifyContext-v3 35 3;
reportingContext-v3 7 3; callCompletionContext-v3 8 3; istAlertingContext-v3 4 3;
serviceTerminationContext-v3 9 3; locationSvcGatewayContext-v3 37 3; locationSvcEnquiryContext-v3 38 3;
mm-EventReportingContext-v3 42 3; anyTimeInfoHandlingContext-v3 43 3;
subscriberDataModificationNotificationContext-v3 22 3; resourceManagementContext-v3 44 3;
vcsgLocationUpdateContext-v3 46 3; vcsgLocationCancellationContext-v3 47 3;
networkLocUpContext-v1 1 1; networkLocUpContext-v2 1 2; locationCancellationContext-v1 2 1;
locationCancellationContext-v2 2 2; roamingNumberEnquiryContext-v1 3 1; roamingNumberEnquiryContext-v2 3 2;
locationInfoRetrievalContext-v1 5 1; locationInfoRetrievalContext-v2 5 2; resetContext-v1 10 1;
resetContext-v2 10 2; handoverControlContext-v1 11 1; handoverControlContext-v2 11 2;
sIWFSAllocationContext-v3 12 3; equipmentMngtContext-v1 13 1; equipmentMngtContext-v2 13 2;
infoRetrievalContext-v1 14 1; infoRetrievalContext-v2 14 2; interVlrInfoRetrievalContext-v2 15 2;
subscriberDataMngtContext-v1 16 1; subscriberDataMngtContext-v2 16 2; tracingContext-v1 17 1;
tracingContext-v2 17 2; networkFunctionalSsContext-v1 18 1; shortMsgGatewayContext-v1 20 1;
shortMsgGatewayContext-v2 20 2; shortMsgRelayContext-v1 21 1; shortMsgAlertContext-v1 23 1;
mwdMngtContext-v1 24 1; mwdMngtContext-v2 24 2; shortMsgMT-RelayContext-v2 25 2; msPurgingContext-v2 27 2;
callControlTransferContext-v3 6 3; gprsLocationInfoRetrievalContext-v3 33 3;
shortMsgMO-RelayContext-v2 21 2; secureTransportHandlingContext-v3 40 3`;

/** Normalises a name for comparing with Wireshark's spelling ("mt-forwardSM" vs "mt-ForwardSM"). */
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Wireshark's value strings for gsm_old.localValue: the operation table, then the error table. */
function tsharkMapValues(): { operations: Map<number, string>; errors: Map<number, string> } | undefined {
  const run = spawnSync("tshark", ["-G", "values"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0 || !run.stdout) return undefined;
  const operations = new Map<number, string>();
  const errors = new Map<number, string>();
  let table = operations;
  let last = -1;
  for (const line of run.stdout.split("\n")) {
    const [kind, field, value, name] = line.split("\t");
    if (kind !== "V" || field !== "gsm_old.localValue") continue;
    const code = Number(value);
    if (code < last) table = errors; // the second value_string starts over at 1
    last = code;
    if (name !== "unAllocated") table.set(code, name!);
  }
  return operations.size > 0 ? { operations, errors } : undefined;
}

describe("MAP operation table (TS 29.002 §17.5, §17.6)", () => {
  it("exposes opcodes by camelCase name", () => {
    assert.equal(MapOperation.anyTimeInterrogation, 71);
    assert.equal(MapOperation.sendRoutingInfoForSM, 45);
    assert.equal(MapOperation.mtForwardSM, 44);
    assert.equal(MapOperation.moForwardSM, 46);
    assert.equal(MapOperation.reportSMDeliveryStatus, 47);
    assert.equal(MapOperation.updateLocation, 2);
    assert.equal(MapOperation.provideSubscriberLocation, 83);
    assert.equal(MapOperation.noteMMEvent, 89);
  });

  it("has one row per MapOperation entry, name derived from the spec spelling", () => {
    assert.equal(mapOperations.length, Object.keys(MapOperation).length);
    const seen = new Set<number>();
    for (const op of mapOperations) {
      assert.equal(MapOperation[op.name], op.opcode);
      assert.equal(camelFromSpecName(op.specName), op.name);
      assert.ok(!seen.has(op.opcode), `opcode ${op.opcode} twice`);
      seen.add(op.opcode);
      assert.equal(mapOperationByCode(op.opcode), op);
      assert.equal(mapOperationByName(op.specName), op);
      assert.equal(mapOperationByName(op.name), op);
    }
  });

  it("covers 2..89 except the never-assigned 27 and 82, and nothing at 1 or 90..108", () => {
    for (let code = 2; code <= 89; code++) {
      const op = mapOperationByCode(code);
      if (code === 27 || code === 82) assert.equal(op, undefined);
      else assert.ok(op, `opcode ${code}`);
    }
    for (const code of [0, 1, 90, 108, 127, 255, -1, 1.5]) assert.equal(mapOperationByCode(code), undefined);
  });

  it("marks the opcodes MAP-Protocol reserves for earlier versions as retired", () => {
    for (const code of [9, 19, 28, 30, 31, 32, 35, 48, 49, 52, 54, 78, 79, 80, 81]) {
      assert.ok(mapOperationByCode(code)?.retired, `opcode ${code}`);
    }
    assert.equal(mapOperationByCode(45)?.retired, undefined);
    assert.equal(mapOperationByCode(16)?.source, "TS 24.080");
    assert.equal(mapOperationByCode(117)?.specName, "callDeflection");
  });

  it("agrees with Wireshark's MAP operation names (tshark -G values)", (t) => {
    const ws = tsharkMapValues();
    if (!ws) {
      t.skip("tshark not installed");
      return;
    }
    // Wireshark abbreviates two names.
    const alias: Record<string, string> = { forwardCheckSS: "forwardCheckSS-Indication" };
    for (const [code, name] of ws.operations) {
      const op = mapOperationByCode(code);
      assert.ok(op, `tshark knows opcode ${code} (${name})`);
      assert.equal(norm(op.specName), norm(alias[name] ?? name), `opcode ${code}`);
    }
    for (const op of mapOperations) assert.ok(ws.operations.has(op.opcode), `tshark lacks ${op.opcode}`);
    for (const [code, name] of ws.errors) {
      assert.equal(norm(mapErrorByCode(code)?.specName ?? "?"), norm(name), `error ${code}`);
    }
  });

  it("lists each operation's application contexts with the versions it appears in", () => {
    const ctx = (code: number) =>
      Object.fromEntries(mapOperationByCode(code)!.contexts.map((c) => [c.name, c.versions.join(",")]));
    assert.deepEqual(ctx(45), { shortMsgGatewayContext: "1,2,3" });
    assert.deepEqual(ctx(44), { shortMsgMTRelayContext: "3" });
    assert.deepEqual(ctx(46), { shortMsgMORelayContext: "1,2,3", shortMsgMTRelayContext: "2" });
    assert.deepEqual(ctx(71), { anyTimeInfoEnquiryContext: "3" });
    assert.deepEqual(ctx(70), { subscriberInfoEnquiryContext: "3" });
    assert.deepEqual(ctx(83), { locationSvcEnquiryContext: "3" });
    assert.deepEqual(ctx(85), { locationSvcGatewayContext: "3" });
    assert.deepEqual(ctx(2), { networkLocUpContext: "1,2,3" });
    assert.deepEqual(ctx(7), {
      networkLocUpContext: "1,2,3",
      subscriberDataMngtContext: "1,2,3",
      gprsLocationUpdateContext: "3",
    });
    for (const op of mapOperations) {
      for (const c of op.contexts) {
        const ac = applicationContext(c.name, c.versions[0]!);
        assert.ok(ac, `${op.name}: ${c.name} v${c.versions[0]}`);
        for (const v of c.versions) assert.ok(ac.context.versions.includes(v), `${op.name}: ${c.name} v${v}`);
      }
      if (op.source === "TS 29.002") assert.ok(op.contexts.length > 0, `${op.name} has a context`);
    }
  });

  it("classifies operations in the FS.11 categories of SIGNALLING.md", () => {
    const cat = (code: number) => mapOperationByCode(code)!.fs11;
    for (const c of [
      71, 65, 62, 58, 9, 85, 83, 86, 55, 43, 50, 51, 52, 28, 29, 30, 33, 34, 35, 68, 69, 78, 81, 22,
    ]) {
      assert.equal(cat(c), 1, `opcode ${c}`);
    }
    for (const c of [7, 8, 3, 4, 70, 37, 60, 61, 18]) assert.equal(cat(c), 2, `opcode ${c}`);
    for (const c of [2, 23, 67, 56, 10, 11, 12, 13, 14, 17, 59, 46, 57, 66, 89])
      assert.equal(cat(c), 3, `opcode ${c}`);
    for (const c of [45, 44, 47]) assert.equal(cat(c), "sms", `opcode ${c}`);
    assert.equal(cat(5), null);
  });

  it("treats v2 forwardSM in the MT relay context as SMS delivery", () => {
    assert.equal(fs11CategoryOf(46), 3);
    assert.equal(fs11CategoryOf(46, "0.4.0.0.1.0.21.3"), 3);
    assert.equal(fs11CategoryOf(46, "0.4.0.0.1.0.25.2"), "sms");
    assert.equal(fs11CategoryOf(71, "0.4.0.0.1.0.29.3"), 1);
    assert.equal(fs11CategoryOf(99), null);
  });

  it("flags the operations that reveal location", () => {
    const located = mapOperations.filter((op) => op.locationClass).map((op) => op.opcode);
    for (const c of [71, 70, 83, 85, 22, 45, 86]) assert.ok(located.includes(c), `opcode ${c}`);
    assert.equal(mapOperationByCode(71)?.reveals, "cell");
    assert.equal(mapOperationByCode(83)?.reveals, "geographic");
    assert.equal(mapOperationByCode(45)?.reveals, "servingNode");
    assert.equal(mapOperationByCode(44)?.locationClass, false);
    assert.equal(mapOperationByCode(2)?.locationClass, false);
    for (const op of mapOperations) assert.equal(op.locationClass, op.reveals !== undefined);
  });
});

describe("MAP application contexts (TS 29.002 §17.3.3)", () => {
  it("resolves every application-context-name of the spec by OID", () => {
    let n = 0;
    for (const entry of SPEC_CONTEXTS.split(";")) {
      const [specName, ac, version] = entry.trim().split(/\s+/);
      const oid = `0.4.0.0.1.0.${ac}.${version}`;
      const ref = applicationContextByOid(oid);
      assert.ok(ref, oid);
      assert.equal(ref.specName, specName);
      assert.equal(ref.oid, oid);
      n++;
    }
    assert.equal(n, 79);
    // And nothing the spec does not name.
    const named = new Set(SPEC_CONTEXTS.split(";").map((e) => e.trim().split(/\s+/).slice(1).join(".")));
    for (const ac of mapApplicationContexts) {
      for (const v of ac.versions) assert.ok(named.has(`${ac.acId}.${v}`), `${ac.name} v${v}`);
    }
  });

  it("refuses OIDs that are not MAP application-context-names", () => {
    for (const oid of [
      "0.4.0.0.1.0.20.4",
      "0.4.0.0.1.0.30.3",
      "0.4.0.0.1.0.20",
      "0.4.0.0.1.1.20.3",
      "0.4.0.0.1.0.20.3.1",
      "",
      "0.4.0.0.1.0.x.3",
    ]) {
      assert.equal(applicationContextByOid(oid), undefined, oid);
    }
  });

  it("names the context of the sample SRI-SM dialogue", () => {
    const ref = applicationContextByOid("0.4.0.0.1.0.20.3");
    assert.equal(ref?.context.name, "shortMsgGatewayContext");
    assert.equal(ref?.version, 3);
    assert.deepEqual(ref?.context.operations, [45, 47, 63]);
    assert.equal(MapApplicationContext.anyTimeInfoEnquiryContext, 29);
    assert.equal(applicationContextById(29)?.operations[0], 71);
    assert.equal(applicationContext("shortMsgMO-RelayContext", 1)?.specName, "shortMsgRelayContext-v1");
    assert.equal(applicationContext("shortMsgMORelayContext", 1)?.oid, "0.4.0.0.1.0.21.1");
  });
});

describe("MAP error table (TS 29.002 §17.6.6)", () => {
  it("exposes codes by camelCase name", () => {
    assert.equal(MapErrorCode.unknownSubscriber, 1);
    assert.equal(MapErrorCode.absentSubscriberSM, 6);
    assert.equal(MapErrorCode.absentSubscriber, 27);
    assert.equal(MapErrorCode.systemFailure, 34);
    assert.equal(MapErrorCode.atiNotAllowed, 49);
    assert.equal(MapErrorCode.unauthorizedRequestingNetwork, 52);
    assert.equal(MapErrorCode.ussdBusy, 72);
  });

  it("has one consistent row per code", () => {
    assert.equal(mapErrors.length, Object.keys(MapErrorCode).length);
    for (const e of mapErrors) {
      assert.equal(MapErrorCode[e.name], e.code);
      assert.equal(camelFromSpecName(e.specName), e.name);
      assert.equal(mapErrorByCode(e.code), e);
      assert.equal(mapErrorByName(e.specName), e);
    }
    assert.equal(mapErrorByCode(41), undefined);
    assert.equal(mapErrorByCode(55), undefined);
    assert.equal(mapErrorByName("sm-DeliveryFailure")?.code, 32);
    assert.equal(mapErrorByCode(2)?.retired !== undefined, true);
    assert.equal(mapErrorByCode(121)?.source, "TS 24.080");
  });
});
