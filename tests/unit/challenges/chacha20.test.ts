import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { chachaBlock, keyWords } from "@/challenges/shared/chacha20";

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ""), "hex"));
const nonceWords = (nonce: Uint8Array): [number, number, number] => {
  const v = new DataView(nonce.buffer, nonce.byteOffset, 12);
  return [v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true)];
};
/** The serialised block (little-endian words), as the RFC prints it. */
function blockBytes(key: Uint8Array, counter: number, nonce: Uint8Array): string {
  const out = new Uint32Array(16);
  chachaBlock(keyWords(key), counter, ...nonceWords(nonce), out);
  return Buffer.from(out.buffer).toString("hex");
}

const KEY_00_1F = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const ZERO_KEY = new Uint8Array(32);
const ZERO_NONCE = new Uint8Array(12);

describe("ChaCha20 block function (RFC 8439)", () => {
  it("matches the §2.3.2 test vector", () => {
    expect(blockBytes(KEY_00_1F, 1, hex("000000090000004a00000000"))).toBe(
      "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e" +
        "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e",
    );
  });

  // Appendix A.1, test vectors #1–#5.
  it.each([
    [
      "#1",
      ZERO_KEY,
      0,
      ZERO_NONCE,
      "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586",
    ],
    [
      "#2",
      ZERO_KEY,
      1,
      ZERO_NONCE,
      "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f",
    ],
    [
      "#3",
      hex("00".repeat(31) + "01"),
      1,
      ZERO_NONCE,
      "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0",
    ],
    [
      "#4",
      hex("00ff" + "00".repeat(30)),
      2,
      ZERO_NONCE,
      "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096",
    ],
    [
      "#5",
      ZERO_KEY,
      0,
      hex("000000000000000000000002"),
      "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c78a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d",
    ],
  ])("matches appendix A.1 %s", (_name, key, counter, nonce, expected) => {
    expect(blockBytes(key, counter, nonce)).toBe(expected);
  });

  it("agrees with OpenSSL's chacha20 keystream for random keys, counters and nonces", () => {
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(32);
      const nonce = randomBytes(12);
      const counter = randomBytes(4).readUInt32LE(0);
      const iv = Buffer.concat([Buffer.alloc(4), nonce]);
      iv.writeUInt32LE(counter, 0);
      const stream = createCipheriv("chacha20", key, iv).update(Buffer.alloc(64));
      expect(blockBytes(key, counter, nonce)).toBe(stream.toString("hex"));
    }
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => keyWords(new Uint8Array(16))).toThrow(RangeError);
  });
});
