// The check run by npm test: the committed dist/leadgate.min.js must be the build of src/leadgate.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync, appendFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = new URL('..', import.meta.url).pathname;

/** A copy of the snippet's sources, changed by `change`, checked as npm test checks it. */
function check(change) {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-check-'));
  try {
    for (const part of ['scripts', 'src', 'dist']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    change(dir);
    const run = spawnSync(process.execPath, [join(dir, 'scripts/build.mjs'), '--check'], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('check_committedBuildMatchesSource_passesAndPrintsSizes', () => {
  const { status, output } = check(() => {});
  assert.equal(status, 0, output);
  assert.match(output, /\d+ bytes raw, \d+ bytes gzip -9 \(budget \d+/);
});

test('check_sourceChangedWithoutRebuild_fails', () => {
  const { status, output } = check((dir) => appendFileSync(join(dir, 'src/leadgate.js'), '\nwindow.x = 1;\n'));
  assert.equal(status, 1);
  assert.match(output, /stale/);
});

test('check_builtFileEditedByHand_fails', () => {
  const { status, output } = check((dir) => appendFileSync(join(dir, 'dist/leadgate.min.js'), ' '));
  assert.equal(status, 1);
  assert.match(output, /stale/);
});

test('check_overBudget_fails', () => {
  const { status, output } = check((dir) => {
    // incompressible code: random strings kept by the minifier
    const noise = Array.from({ length: 400 }, () => Math.random().toString(36).slice(2)).join('');
    writeFileSync(join(dir, 'src/leadgate.js'), `window.noise = ${JSON.stringify(noise)};`);
    spawnSync(process.execPath, [join(dir, 'scripts/build.mjs')]);
  });
  assert.equal(status, 1);
  assert.match(output, /over budget/);
});
