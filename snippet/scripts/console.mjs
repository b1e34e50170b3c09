// Builds the console (src/main/console: Preact + htm, uPlot) into src/main/resources/console/, which the jar serves
// at /console, and prints what a first load costs (index.html + JS + CSS, raw and gzip -9).
//   node scripts/console.mjs          write the built files
//   node scripts/console.mjs --check  rebuild in memory; fail if a committed file is stale or over budget
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const snippet = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(snippet, '../src/main/console');
export const OUTPUT = join(snippet, '../src/main/resources/console');
// The goal for the console's first load, charts included.
export const FIRST_LOAD_BUDGET = 150 * 1024;

export async function build() {
  const result = await esbuild({
    entryPoints: { console: join(SOURCE, 'main.js') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outdir: OUTPUT,
    // the console's sources live under src/main; their packages are the snippet's dev dependencies
    nodePaths: [join(snippet, 'node_modules')],
    logLevel: 'silent'
  });
  const files = { 'index.html': readFileSync(join(SOURCE, 'index.html'), 'utf8') };
  for (const file of result.outputFiles) files[file.path.split(/[\\/]/).pop()] = file.text;
  if (!files['console.js'] || !files['console.css']) throw new Error('esbuild made ' + Object.keys(files).join(', '));
  return files;
}

async function main() {
  const check = process.argv.includes('--check');
  const problems = [];
  let raw = 0;
  let gzip = 0;
  for (const [name, code] of Object.entries(await build())) {
    const path = join(OUTPUT, name);
    if (check) {
      let committed = null;
      try {
        committed = readFileSync(path, 'utf8');
      } catch {
        problems.push(`src/main/resources/console/${name} is missing: run npm --prefix snippet run build`);
      }
      if (committed !== null && committed !== code) problems.push(`src/main/resources/console/${name} is stale against src/main/console: run npm --prefix snippet run build`);
    } else {
      mkdirSync(OUTPUT, { recursive: true });
      writeFileSync(path, code);
    }
    const size = { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
    raw += size.raw;
    gzip += size.gzip;
    console.log(`console/${name}: ${size.raw} bytes raw, ${size.gzip} bytes gzip -9`);
  }
  console.log(`console first load: ${raw} bytes raw, ${gzip} bytes gzip -9 (budget ${FIRST_LOAD_BUDGET}, ${FIRST_LOAD_BUDGET - gzip} left)`);
  if (gzip > FIRST_LOAD_BUDGET) problems.push(`the console's first load is over budget: ${gzip} bytes gzipped, the budget is ${FIRST_LOAD_BUDGET}`);
  for (const problem of problems) console.error(`check failed: ${problem}`);
  if (problems.length) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
