import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mapOperationCodec, mapOperationCodecs } from "../../../src/codec/map/registry.js";

describe("MAP operation registry", () => {
  it("finds the mobility and subscriber-management codecs by their TS 29.002 §17.5 local opcodes", () => {
    const expected: [number, string][] = [
      [2, "updateLocation"],
      [3, "cancelLocation"],
      [4, "provideRoamingNumber"],
      [7, "insertSubscriberData"],
      [8, "deleteSubscriberData"],
      [10, "registerSS"],
      [23, "updateGprsLocation"],
      [37, "reset"],
      [56, "sendAuthenticationInfo"],
      [58, "sendIMSI"],
      [67, "purgeMS"],
    ];
    for (const [opcode] of expected) {
      const codec = mapOperationCodec(opcode);
      assert.ok(codec, `opcode ${opcode}`);
      assert.equal(codec.opcode, opcode);
    }
    assert.equal(mapOperationCodec(200), undefined);
  });

  it("keys every codec by its own opcode", () => {
    for (const [opcode, codec] of mapOperationCodecs) assert.equal(codec.opcode, opcode);
  });
});
