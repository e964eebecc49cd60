// The committed icons are what scripts/make-icons.mjs renders from assets/*.svg, in the
// sizes and containers each platform needs (Linux PNG set, macOS ICNS, Windows ICO).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { ICNS_TYPES, ICO_SIZES, LINUX_SIZES, renderIconPng } from '../../scripts/make-icons.mjs';
import { projectRoot } from './builder-files';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function readBuild(rel: string): Buffer {
  return readFileSync(join(projectRoot, rel));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(data.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** RGBA pixels of a PNG, decoded by resvg through an <image> element. */
function decodePng(data: Buffer, size: number): Uint8Array {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
    `<image width="${size}" height="${size}" href="data:image/png;base64,${data.toString('base64')}"/></svg>`;
  return new Resvg(svg).render().pixels;
}

describe('icons', () => {
  it('has the Linux PNG set in every size, square', () => {
    for (const size of LINUX_SIZES) {
      expect(pngSize(readBuild(`build/icons/${size}x${size}.png`)), `${size}px`).toEqual({ width: size, height: size });
    }
    expect(pngSize(readBuild('build/icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(pngSize(readBuild('assets/icon.png'))).toEqual({ width: 512, height: 512 });
  });

  it('has a macOS ICNS with one PNG chunk per Retina slot', () => {
    const icns = readBuild('build/icon.icns');
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Array<[string, number]> = [];
    for (let at = 8; at < icns.length;) {
      const type = icns.toString('ascii', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      expect(length).toBeGreaterThan(8);
      found.push([type, pngSize(icns.subarray(at + 8, at + length)).width]);
      at += length;
    }
    expect(found).toEqual(ICNS_TYPES.map(([type, size]) => [type, size]));
  });

  it('has a Windows ICO with 16…256 px entries whose directory matches the images', () => {
    const ico = readBuild('build/icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    expect(count).toBe(ICO_SIZES.length);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const declared = ico.readUInt8(entry) || 256;
      const bytes = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + bytes).toBeLessThanOrEqual(ico.length);
      const { width } = pngSize(ico.subarray(offset, offset + bytes));
      expect(width).toBe(declared);
      sizes.push(width);
    }
    expect(sizes).toEqual([...ICO_SIZES]);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  // Generated, not hand-drawn: re-rendering the SVG gives the committed pixels
  // (compared decoded, with a tolerance of 2/255, so a different PNG encoder or CPU cannot fail it).
  it.each([16, 32, 256])('committed %i px PNG matches a fresh render of the SVG', (size) => {
    const committed = decodePng(readBuild(`build/icons/${size}x${size}.png`), size);
    const fresh = decodePng(renderIconPng(size), size);
    expect(committed.length).toBe(fresh.length);
    let worst = 0;
    for (let i = 0; i < fresh.length; i++) worst = Math.max(worst, Math.abs((committed[i] ?? 0) - (fresh[i] ?? 0)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('uses the simplified artwork at 32 px and below, the full artwork above', () => {
    const small = readFileSync(join(projectRoot, 'assets/icon-small.svg'), 'utf8');
    const large = readFileSync(join(projectRoot, 'assets/icon.svg'), 'utf8');
    const render = (svg: string, size: number) =>
      Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
    expect(renderIconPng(32).equals(render(small, 32))).toBe(true);
    expect(renderIconPng(48).equals(render(large, 48))).toBe(true);
  });
});
