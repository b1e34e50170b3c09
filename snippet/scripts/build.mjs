// Builds src/leadgate.js into dist/leadgate.min.js and src/forms.js into dist/leadgate-forms.min.js, and
// prints the raw and gzip -9 size of each.
//   node scripts/build.mjs          write the built files
//   node scripts/build.mjs --check  rebuild in memory; fail if a committed file is stale or over budget
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The budget: the snippet every page loads, with every feature, in 2,000 bytes gzipped. The
// lead-magnet forms (about 700 bytes) are a second file, loaded only by pages that have such a form,
// with a budget of their own.
export const FILES = [
  { name: 'leadgate.min.js', source: join(root, 'src', 'leadgate.js'), output: join(root, 'dist', 'leadgate.min.js'), budget: 2000 },
  { name: 'leadgate-forms.min.js', source: join(root, 'src', 'forms.js'), output: join(root, 'dist', 'leadgate-forms.min.js'), budget: 1000 }
];
export const GZIP_BUDGET = FILES[0].budget;
export const SOURCE = FILES[0].source;
export const OUTPUT = FILES[0].output;

// Properties named with a trailing _ are the handshake between the snippet and its forms module, on
// window.leadgate.l; nothing else ends in _ (no DOM property, nothing on the wire). The build shortens
// them to these letters, in both files. The letters are pinned, not left to the order in which esbuild
// meets the names, because a browser may hold one file from its cache while it fetches the other:
// a name that changes meaning must get a letter never used before.
export const HANDSHAKE = { forms_: 'f', id_: 'i', loaded_: 'm', url_: 'u', visitor_: 'v' };
const INTERNAL = /_$/;

export async function build() {
  const built = [];
  for (const file of FILES) {
    const result = await transform(readFileSync(file.source, 'utf8'), {
      minify: true,
      target: 'es2017',
      legalComments: 'none',
      charset: 'utf8',
      mangleProps: INTERNAL,
      mangleCache: { ...HANDSHAKE }
    });
    const unpinned = Object.keys(result.mangleCache).filter((name) => !(name in HANDSHAKE));
    if (unpinned.length) throw new Error(`src/${file.source.split(/[\\/]/).pop()}: give ${unpinned.join(', ')} a letter in HANDSHAKE`);
    built.push({ ...file, code: result.code });
  }
  return built;
}

export function sizes(code) {
  return {
    raw: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length
  };
}

async function main() {
  const check = process.argv.includes('--check');
  const problems = [];
  for (const { name, source, output, budget, code } of await build()) {
    const { raw, gzip } = sizes(code);
    if (check) {
      let committed = '';
      try {
        committed = readFileSync(output, 'utf8');
      } catch {
        problems.push(`dist/${name} is missing: run npm run build`);
      }
      if (committed && committed !== code) {
        problems.push(`dist/${name} is stale against src/${source.split(/[\\/]/).pop()}: run npm run build`);
      }
    } else {
      mkdirSync(dirname(output), { recursive: true });
      writeFileSync(output, code);
    }
    if (gzip > budget) {
      problems.push(`${name} is over budget: ${gzip} bytes gzipped, the budget is ${budget}`);
    }
    console.log(`${name}: ${raw} bytes raw, ${gzip} bytes gzip -9 (budget ${budget}, ${budget - gzip} left)`);
  }
  for (const problem of problems) console.error(`check failed: ${problem}`);
  if (problems.length) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
