// The check run by npm test: each committed dist file must be the build of its source, within its budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync, appendFileSync, rmSync, symlinkSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FILES, HANDSHAKE } from '../scripts/build.mjs';

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

// incompressible code: random strings kept by the minifier
const noise = (length) => `window.noise = ${JSON.stringify(Array.from({ length }, () => Math.random().toString(36).slice(2)).join(''))};`;

test('budgets_areTheIssues', () => {
  assert.deepEqual(
    FILES.map(({ name, budget }) => [name, budget]),
    [
      ['leadgate.min.js', 2000],
      ['leadgate-forms.min.js', 1000]
    ]
  );
});

test('check_committedBuildMatchesSource_passesAndPrintsBothSizes', () => {
  const { status, output } = check(() => {});
  assert.equal(status, 0, output);
  assert.match(output, /leadgate\.min\.js: \d+ bytes raw, \d+ bytes gzip -9 \(budget 2000, \d+ left\)/);
  assert.match(output, /leadgate-forms\.min\.js: \d+ bytes raw, \d+ bytes gzip -9 \(budget 1000, \d+ left\)/);
});

for (const [source, built] of [
  ['src/leadgate.js', 'dist/leadgate.min.js'],
  ['src/forms.js', 'dist/leadgate-forms.min.js']
]) {
  test(`check_${source}ChangedWithoutRebuild_fails`, () => {
    const { status, output } = check((dir) => appendFileSync(join(dir, source), '\nwindow.x = 1;\n'));
    assert.equal(status, 1);
    assert.match(output, new RegExp(`${built} is stale`));
  });

  test(`check_${built}EditedByHand_fails`, () => {
    const { status, output } = check((dir) => appendFileSync(join(dir, built), ' '));
    assert.equal(status, 1);
    assert.match(output, new RegExp(`${built} is stale`));
  });
}

test('check_snippetOverBudget_fails', () => {
  const { status, output } = check((dir) => {
    writeFileSync(join(dir, 'src/leadgate.js'), noise(400));
    spawnSync(process.execPath, [join(dir, 'scripts/build.mjs')]);
  });
  assert.equal(status, 1);
  assert.match(output, /leadgate\.min\.js is over budget: \d+ bytes gzipped, the budget is 2000/);
});

test('check_formsModuleOverBudget_fails', () => {
  const { status, output } = check((dir) => {
    writeFileSync(join(dir, 'src/forms.js'), noise(200));
    spawnSync(process.execPath, [join(dir, 'scripts/build.mjs')]);
  });
  assert.equal(status, 1);
  assert.match(output, /leadgate-forms\.min\.js is over budget: \d+ bytes gzipped, the budget is 1000/);
  assert.doesNotMatch(output, /leadgate\.min\.js is over budget/);
});

test('build_internalNameWithoutAPinnedLetter_fails', () => {
  const { status, output } = check((dir) => appendFileSync(join(dir, 'src/forms.js'), '\nwindow.leadgate.l.extra_ = 1;\n'));
  assert.notEqual(status, 0);
  assert.match(output, /give extra_ a letter in HANDSHAKE/);
});

test('handshake_builtFilesUseThePinnedLetters', () => {
  const letters = Object.values(HANDSHAKE);
  assert.equal(new Set(letters).size, letters.length, 'one letter, one meaning');
  const snippet = readFileSync(join(ROOT, 'dist/leadgate.min.js'), 'utf8');
  const forms = readFileSync(join(ROOT, 'dist/leadgate-forms.min.js'), 'utf8');
  // no internal name left as it is, as a property or a key
  for (const code of [snippet, forms]) assert.doesNotMatch(code, /\.[a-z]\w*_\b|[{,][a-z]\w*_:/i);
  // the module is loaded from the snippet's origin at /s-forms.js, which the gateway serves
  assert.match(snippet, /"\/s-forms\.js"/);
});
