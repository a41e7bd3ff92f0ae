/**
 * Fuzz targets for the MAP mobility / subscriber-management codecs (TS 29.002). One target per operation
 * group; each input is run through the argument and result decoders of every operation in the group and
 * through `locateIdentities`, so one mutated UpdateLocationArg also hits the PurgeMS decoder, and so on.
 * Seeds are the hand-built fixtures of test/codec/map (each cites its clause there).
 */
import { BerCursor } from "../../../src/codec/ber/index.js";
import { fromHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import type { MapOperationCodec } from "../../../src/codec/map/codec.js";
import { LocatedIdentities, locateIdentities } from "../../../src/codec/map/identity-paths.js";
import { cancelLocation } from "../../../src/codec/map/operations/cancelLocation.js";
import { deleteSubscriberData } from "../../../src/codec/map/operations/deleteSubscriberData.js";
import { insertSubscriberData } from "../../../src/codec/map/operations/insertSubscriberData.js";
import { provideRoamingNumber } from "../../../src/codec/map/operations/provideRoamingNumber.js";
import { purgeMS } from "../../../src/codec/map/operations/purgeMS.js";
import { registerSS } from "../../../src/codec/map/operations/registerSS.js";
import { reset } from "../../../src/codec/map/operations/reset.js";
import { sendAuthenticationInfo } from "../../../src/codec/map/operations/sendAuthenticationInfo.js";
import { sendIMSI } from "../../../src/codec/map/operations/sendIMSI.js";
import { updateGprsLocation } from "../../../src/codec/map/operations/updateGprsLocation.js";
import { updateLocation } from "../../../src/codec/map/operations/updateLocation.js";
import type { FuzzTarget } from "../target.js";

type AnyCodec = MapOperationCodec<unknown, unknown>;

const IMSI = "62 02 11 32 54 76 98 f0";
const MSC = "91 94 71 02 00 00 10";
const TRIPLET =
  "30 22 04 10 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 04 04 a1 a2 a3 a4 04 08 b1 b2 b3 b4 b5 b6 b7 b8";

/**
 * Runs every decoder of `codecs` (both directions) and the fast path over `bytes`. Each may throw only
 * DecodeError; if every typed decoder rejected the input, one DecodeError is rethrown so the harness
 * counts the input as rejected.
 */
function decodeAll(codecs: readonly AnyCodec[], bytes: Uint8Array): number {
  const cursor = new BerCursor(bytes);
  const out = new LocatedIdentities();
  let decoded = 0;
  let firstError: DecodeError | undefined;
  const attempt = (run: () => unknown, counts: boolean) => {
    try {
      run();
      if (counts) decoded++;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      firstError ??= e;
    }
  };
  for (const codec of codecs) {
    attempt(() => codec.decodeArgument(bytes, 0, bytes.length), true);
    if (codec.decodeResult) attempt(() => codec.decodeResult!(bytes, 0, bytes.length), true);
    // The fast path finds nothing rather than failing on most foreign shapes, so it does not count.
    attempt(() => locateIdentities(codec.opcode, false, bytes, 0, bytes.length, cursor, out), false);
    attempt(() => locateIdentities(codec.opcode, true, bytes, 0, bytes.length, cursor, out), false);
  }
  if (decoded === 0 && firstError) throw firstError;
  return decoded;
}

function target(name: string, codecs: readonly AnyCodec[], seeds: string[]): FuzzTarget {
  return { name, seeds: seeds.map((h) => fromHex(h)), decode: (bytes) => decodeAll(codecs, bytes) };
}

export const targets: FuzzTarget[] = [
  target("map-location", [updateLocation, cancelLocation, purgeMS, updateGprsLocation] as AnyCodec[], [
    `30 28 04 08 ${IMSI} 81 07 ${MSC} 04 07 91 94 71 02 00 00 20 8a 04 01 02 03 04 a6 04 80 02 06 c0`,
    "30 09 04 07 91 94 71 02 00 00 30",
    `a3 15 30 10 04 08 ${IMSI} 04 04 01 02 03 04 0a 01 01`,
    `a3 13 04 08 ${IMSI} 80 07 91 94 71 02 00 00 20`,
    `30 13 04 08 ${IMSI} 04 07 91 94 71 02 00 00 20`,
    `30 1a 04 08 ${IMSI} 04 07 91 94 71 02 00 00 50 04 05 04 c0 a8 00 01`,
    "30 04 80 00 81 00",
  ]),
  target("map-subscriber-data", [insertSubscriberData, deleteSubscriberData, reset] as AnyCodec[], [
    `30 32 80 08 ${IMSI} 81 07 91 94 71 12 32 54 76 82 01 0a 83 01 00 a6 06 04 01 11 04 01 21 a7 08 a3 06 04 01 11 84 01 04 a8 05 03 03 00 80 00`,
    `30 24 80 08 ${IMSI} 81 07 91 94 71 12 32 54 76 9f 29 07 91 94 71 12 32 54 77 bf 33 04 04 02 00 01`,
    "30 0e a1 03 04 01 21 a3 03 04 01 2a 86 02 06 c0",
    `30 19 80 08 ${IMSI} a1 06 82 01 10 83 01 11 a2 03 04 01 21 89 00`,
    "30 16 04 07 91 94 71 02 00 00 30 30 0b 04 03 62 02 11 04 04 62 02 11 f2",
  ]),
  target(
    "map-auth-roaming-ss",
    [sendAuthenticationInfo, sendIMSI, provideRoamingNumber, registerSS] as AnyCodec[],
    [
      `30 10 80 08 ${IMSI} 02 01 03 83 01 00`,
      `a3 26 a0 24 ${TRIPLET}`,
      `30 24 ${TRIPLET}`,
      "04 07 91 94 71 12 32 54 76",
      `30 27 80 08 ${IMSI} 81 07 ${MSC} 82 07 91 94 71 12 32 54 76 88 07 91 94 71 02 00 00 90 8a 00`,
      "30 14 04 07 91 94 71 09 00 00 01 05 00 04 07 91 94 71 02 00 00 10",
      "30 0f 04 01 21 83 01 11 84 07 91 94 71 12 32 54 76",
      "a0 16 04 01 21 30 11 30 0f 83 01 11 84 01 07 85 07 91 94 71 12 32 54 76",
    ],
  ),
];
