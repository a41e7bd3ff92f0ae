import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { all } from "mcc-mnc-list";
import {
  countryOfMcc,
  mncLengthOfImsi,
  networkOfImsi,
  operatorOfMccMnc,
  operatorsOfMccMnc,
  splitImsi,
} from "../../src/numbering/index.js";

describe("MCC/MNC → operator (mcc-mnc-list)", () => {
  it("finds well-known networks", () => {
    const att = operatorOfMccMnc("310", "150");
    assert.equal(att?.brand, "AT&T");
    assert.equal(att?.country, "US");
    const vodafone = operatorOfMccMnc("234", "15");
    assert.equal(vodafone?.brand, "Vodafone UK");
    assert.equal(vodafone?.country, "GB");
    // The data names 645-01 Airtel (Bharti Airtel) and 645-03 Zamtel.
    assert.equal(operatorOfMccMnc("645", "01")?.brand, "Airtel");
    assert.equal(operatorOfMccMnc("645", "01")?.country, "ZM");
    assert.equal(operatorOfMccMnc("645", "03")?.brand, "ZAMTEL");
  });

  it("keeps 2- and 3-digit MNCs apart", () => {
    assert.equal(operatorOfMccMnc("234", "015"), undefined);
    assert.equal(operatorOfMccMnc("310", "15"), undefined);
    assert.equal(operatorOfMccMnc("999", "9"), undefined);
  });

  it("returns every country a shared MNC is listed for, operational first", () => {
    const digicel = operatorsOfMccMnc("338", "05");
    assert.ok(digicel.length >= 2);
    assert.ok(new Set(digicel.map((n) => n.country)).size >= 2);
    assert.equal(operatorOfMccMnc("338", "05"), digicel[0]);
  });

  it("finds every well-formed record of the package", () => {
    let n = 0;
    for (const r of all()) {
      if (!/^\d{3}$/.test(r.mcc) || !/^\d{2,3}$/.test(r.mnc ?? "")) continue;
      assert.ok(
        operatorsOfMccMnc(r.mcc, r.mnc).some(
          (x) => x.operator === (r.operator ?? undefined) && x.brand === (r.brand ?? undefined),
        ),
        `${r.mcc}-${r.mnc}`,
      );
      n++;
    }
    assert.ok(n > 2000);
  });
});

describe("MCC → country", () => {
  it("takes the country most records under the MCC name", () => {
    assert.equal(countryOfMcc("310")?.country, "US");
    assert.ok(countryOfMcc("310")?.countries.includes("GU"));
    assert.equal(countryOfMcc("234")?.country, "GB");
    assert.equal(countryOfMcc("645")?.country, "ZM");
    assert.equal(countryOfMcc("250")?.country, "RU");
  });

  it("knows the usual MNC length", () => {
    assert.equal(countryOfMcc("310")?.mncLength, 3);
    assert.equal(countryOfMcc("302")?.mncLength, 3);
    assert.equal(countryOfMcc("234")?.mncLength, 2);
    assert.equal(countryOfMcc("262")?.mncLength, 2);
  });

  it("has no country for international networks (901)", () => {
    const intl = countryOfMcc("901");
    assert.equal(intl?.country, undefined);
    assert.equal(intl?.type, "International");
    assert.equal(countryOfMcc("000"), undefined);
  });
});

describe("splitImsi / networkOfImsi (TS 23.003 §2.2)", () => {
  it("splits by the table's MNC length", () => {
    assert.deepEqual(splitImsi("310150123456789"), { mcc: "310", mnc: "150", msin: "123456789" });
    assert.deepEqual(splitImsi("234150123456789"), { mcc: "234", mnc: "15", msin: "0123456789" });
    assert.deepEqual(splitImsi("645011234567890"), { mcc: "645", mnc: "01", msin: "1234567890" });
  });

  it("honours an explicit MNC length", () => {
    assert.deepEqual(splitImsi("234150123456789", 3), { mcc: "234", mnc: "150", msin: "123456789" });
  });

  it("decides per MNC where an MCC mixes 2- and 3-digit MNCs (India 405)", () => {
    // The data lists 405-025 (3 digits) and 405-01 (2 digits), and no 405-011.
    assert.equal(mncLengthOfImsi("405025123456789"), 3);
    assert.equal(mncLengthOfImsi("405011234567890"), 2);
  });

  it("falls back to the MCC's usual length, then to 2", () => {
    // 310-999 is not listed; MCC 310 uses 3-digit MNCs.
    assert.equal(mncLengthOfImsi(`310999${"1".repeat(9)}`), 3);
    assert.equal(mncLengthOfImsi("000001234567890"), 2);
  });

  it("resolves the home network and country", () => {
    const n = networkOfImsi("234150123456789");
    assert.equal(n?.network?.brand, "Vodafone UK");
    assert.equal(n?.country, "GB");
    assert.equal(n?.msin, "0123456789");
    // Unknown MNC, known MCC: the country still comes from the MCC.
    const unknown = networkOfImsi("645991234567890");
    assert.equal(unknown?.network, undefined);
    assert.equal(unknown?.country, "ZM");
  });

  it("refuses strings that are not IMSIs", () => {
    assert.equal(networkOfImsi("12345"), undefined);
    assert.equal(networkOfImsi("23415012345678x"), undefined);
    assert.throws(() => splitImsi("2341501234567890"), RangeError);
  });

  it("splits an IMSI built from each listed network back into that MNC unless a shorter MNC shadows it", () => {
    let checked = 0;
    for (const r of all()) {
      if (!/^\d{3}$/.test(r.mcc) || !/^\d{2,3}$/.test(r.mnc ?? "")) continue;
      const imsi = `${r.mcc}${r.mnc}${"0".repeat(15 - 3 - r.mnc.length)}`;
      const { mnc } = splitImsi(imsi);
      if (r.mnc.length === 2 && operatorOfMccMnc(r.mcc, `${r.mnc}0`)) continue; // 3-digit sibling wins
      assert.equal(mnc, r.mnc, imsi);
      checked++;
    }
    assert.ok(checked > 2000);
  });
});
