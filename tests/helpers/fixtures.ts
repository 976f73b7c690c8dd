// Bad inputs made on the spot: a PNG that claims any size (a "pixel bomb"),
// and Vietnamese text in the encodings of older tools.
import { crc32, deflateSync } from "node:zlib";
import iconv from "iconv-lite";

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A grey PNG whose header says width × height; its pixel data is a few kilobytes of zeros, whatever the size. */
export function pngOfSize(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = deflateSync(Buffer.alloc((width + 1) * Math.min(height, 64)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", rows), chunk("IEND", Buffer.alloc(0))]);
}

/** A PNG whose header is right and whose pixel data is garbage: only decoding it finds the damage. */
export function damagedPng(): Buffer {
  const png = pngOfSize(4, 4);
  const at = png.indexOf(Buffer.from("IDAT"));
  png.fill(0x55, at + 4, at + 4 + png.readUInt32BE(at - 4));
  return png;
}

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

/** Text as Windows-1258 stores it: letters with ^, ˘ and the horn precomposed, tone marks as combining characters. */
export function windows1258(text: string): Buffer {
  let out = "";
  for (const ch of text) {
    const decomposed = ch.normalize("NFD");
    const tone = decomposed.match(TONE)?.[0] ?? "";
    const whole = ch.normalize("NFC");
    // Keep a precomposed letter when the code page has it (é, à …), else the letter without its tone, then the tone.
    out += iconv.decode(iconv.encode(whole, "windows1258"), "windows1258") === whole ? whole : decomposed.replace(TONE, "").normalize("NFC") + tone;
  }
  return iconv.encode(out, "windows1258");
}

export const encoded = {
  tcvn3: (text: string) => iconv.encode(text, "tcvn"),
  viscii: (text: string) => iconv.encode(text, "viscii"),
  latin1: (text: string) => iconv.encode(text, "latin1"),
  windows1258,
};
