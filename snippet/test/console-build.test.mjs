// The console's check run by npm test: the committed src/main/resources/console must be the build of
// src/main/console, and its first load within the 150 KB gzipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, appendFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FIRST_LOAD_BUDGET } from '../scripts/console.mjs';

const SNIPPET = new URL('..', import.meta.url).pathname;
const REPOSITORY = join(SNIPPET, '..');

/** A copy of the console's sources and build (in the repository's layout), changed by `change`, checked. */
function check(change) {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-console-check-'));
  try {
    mkdirSync(join(dir, 'snippet'));
    cpSync(join(SNIPPET, 'scripts'), join(dir, 'snippet/scripts'), { recursive: true });
    symlinkSync(join(SNIPPET, 'node_modules'), join(dir, 'snippet/node_modules'));
    cpSync(join(REPOSITORY, 'src/main/console'), join(dir, 'src/main/console'), { recursive: true });
    cpSync(join(REPOSITORY, 'src/main/resources/console'), join(dir, 'src/main/resources/console'), { recursive: true });
    change(dir);
    const run = spawnSync(process.execPath, [join(dir, 'snippet/scripts/console.mjs'), '--check'], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('budget_isTheIssues150KilobytesGzipped', () => {
  assert.equal(FIRST_LOAD_BUDGET, 150 * 1024);
});

test('check_committedBuildMatchesSource_passesAndPrintsTheFirstLoad', () => {
  const { status, output } = check(() => {});
  assert.equal(status, 0, output);
  assert.match(output, /console first load: \d+ bytes raw, \d+ bytes gzip -9 \(budget 153600, \d+ left\)/);
});

test('check_sourceChangedWithoutRebuild_failsNamingTheStaleFile', () => {
  const { status, output } = check((dir) => appendFileSync(join(dir, 'src/main/console/format.js'), '\nexport const changed = () => 1;\nconsole.log(changed());\n'));
  assert.equal(status, 1);
  assert.match(output, /console\/console\.js is stale against src\/main\/console/);
});
