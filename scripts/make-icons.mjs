// `npm run icons`: renders every icon the installers need from the SVG sources in assets/.
//   assets/icon.svg        → sizes ≥ 48 px (full artwork)
//   assets/icon-small.svg  → sizes ≤ 32 px (simplified artwork that stays legible)
// Outputs (all committed, so packaging never needs this script):
//   build/icons/<n>x<n>.png   Linux icon set (electron-builder `linux.icon: icons`)
//   build/icon.png            1024 px master
//   build/icon.icns           macOS, PNG chunks, one per Retina slot
//   build/icon.ico            Windows, PNG entries 16…256
//   assets/icon.png           512 px, shipped inside app.asar for the window/About icon
// The ICNS and ICO containers are written here rather than by png2icons because png2icons
// derives every size from one bitmap; we want the small sizes to come from the small artwork.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SMALL_MAX = 32;
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// OSType → pixel size, as `iconutil` writes them (PNG payloads, macOS 10.7+).
const ICNS_TYPES = [
  ['icp4', 16],
  ['ic11', 32],
  ['icp5', 32],
  ['ic12', 64],
  ['icp6', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

const sources = {
  large: readFileSync(join(root, 'assets/icon.svg'), 'utf8'),
  small: readFileSync(join(root, 'assets/icon-small.svg'), 'utf8'),
};

const cache = new Map();
/** PNG bytes of the icon at `size` px, from the artwork meant for that size. */
function png(size) {
  if (!cache.has(size)) {
    const svg = size <= SMALL_MAX ? sources.small : sources.large;
    const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' });
    cache.set(size, Buffer.from(resvg.render().asPng()));
  }
  return cache.get(size);
}

/** ICNS: 'icns' + total length, then (OSType, chunk length incl. 8-byte header, PNG) per slot. */
function icns() {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const data = png(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** ICO: ICONDIR, one 16-byte ICONDIRENTRY per size, then the PNG images (Vista+ format). */
function ico() {
  const images = ICO_SIZES.map((size) => ({ size, data: png(size) }));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3); // reserved
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

/** Every generated file, keyed by its path relative to the project root. */
export function renderIconFiles() {
  const files = new Map();
  for (const size of LINUX_SIZES) files.set(`build/icons/${size}x${size}.png`, png(size));
  files.set('build/icon.png', png(1024));
  files.set('build/icon.icns', icns());
  files.set('build/icon.ico', ico());
  files.set('assets/icon.png', png(512));
  return files;
}

export { png as renderIconPng, ICNS_TYPES, ICO_SIZES, LINUX_SIZES };

function writeAll() {
  for (const [relPath, data] of renderIconFiles()) {
    const file = join(root, relPath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
    console.log(`${relPath.padEnd(28)} ${String(data.length).padStart(8)} bytes`);
  }
}

// Writes only when run as a script; tests import the renderers without touching the tree.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeAll();
