// Type-checks every golden Slack payload under bot/testdata against Slack's
// own TypeScript types (@slack/types), then checks that deliberately broken
// payloads are rejected, so this check is known to be able to fail.
//
// Each golden file gets its type from its name (RULES below, first match
// wins). A JSON file no rule claims fails the check: a new kind of payload
// must be given a type here, never skipped.
//
// The payloads are written into generated TypeScript as object literals
// (not imported as JSON modules) so that TypeScript keeps their string
// literal types ("modal", "plain_text") and reports excess properties, as it
// would for code that builds them by hand.
//
// Usage: node check.mjs (from any directory; exits non-zero on failure).

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const goldenDir = join(repo, 'bot', 'testdata');
const brokenDir = join(here, 'broken');
const genDir = join(here, 'generated');

// Message is what the bot sends to chat.postMessage / chat.update: a
// fallback text and Block Kit blocks. @slack/types has no message-arguments
// type (that lives in @slack/web-api), so it is spelled out here.
const prelude = `import type { HomeView, KnownBlock, ModalView } from '@slack/types';
export interface Message { text: string; blocks: KnownBlock[] }
`;

// Golden file name (without directory) → the Slack type it must satisfy.
// received_* files hold what the fake Slack received: a view, or the
// blocks field of a message.
const RULES = [
  { re: /^(received_)?(case_study|[a-z0-9_]*modal)_[a-z]{2}\.json$/, type: 'ModalView' },
  { re: /^(received_)?[a-z0-9_]*home[a-z0-9_]*_[a-z]{2}\.json$/, type: 'HomeView' },
  { re: /^received_[a-z0-9_]+_[a-z]{2}\.json$/, type: 'KnownBlock[]' },
  { re: /^[a-z0-9_]+_[a-z]{2}\.json$/, type: 'Message' },
];

function typeFor(name) {
  return RULES.find((r) => r.re.test(name))?.type;
}

// jsonFiles lists *.json under dir, recursively, sorted.
function jsonFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (entry.endsWith('.json')) out.push(p);
  }
  return out;
}

// writeModule writes one .ts file holding each payload as a typed constant,
// and returns where each payload starts, to name the file in diagnostics.
function writeModule(path, files, typeOf) {
  let src = prelude;
  const starts = [];
  files.forEach((f, i) => {
    const payload = JSON.parse(readFileSync(f, 'utf8'));
    starts.push({ line: src.split('\n').length, file: relative(repo, f) });
    src += `\n// ${relative(repo, f)}\nexport const p${i}: ${typeOf(f)} = ${JSON.stringify(payload, null, 2)};\n`;
  });
  writeFileSync(path, src);
  return starts;
}

// annotate appends to each tsc diagnostic the golden file it is about.
function annotate(errors, starts) {
  return errors.replace(/^(\S+\.ts)\((\d+),\d+\): .*$/gm, (line, _f, n) => {
    const s = starts.findLast((x) => x.line <= Number(n));
    return s ? `${line}  [${s.file}]` : line;
  });
}

// tsc type-checks one file and returns its diagnostics ('' when clean).
function tsc(file) {
  const bin = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [bin, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', '--pretty', 'false', file];
  try {
    execFileSync(process.execPath, args, { cwd: here, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    if (e.status == null) throw e; // tsc did not run at all
    return (e.stdout || '') + (e.stderr || '');
  }
}

let failed = false;
rmSync(genDir, { recursive: true, force: true });
mkdirSync(genDir);

// 1. Every golden file has a type and satisfies it.
const goldens = jsonFiles(goldenDir);
const unknown = goldens.filter((f) => !typeFor(f.split('/').pop()));
if (unknown.length > 0) {
  failed = true;
  console.error('slacktypes: no Slack type for these golden files; add a rule to RULES in tools/slacktypes/check.mjs:');
  for (const f of unknown) console.error('  ' + relative(repo, f));
}
const known = goldens.filter((f) => !unknown.includes(f));
if (known.length === 0) {
  failed = true;
  console.error(`slacktypes: no golden payloads found under ${relative(repo, goldenDir)}`);
}
const goldenTS = join(genDir, 'goldens.ts');
const starts = writeModule(goldenTS, known, (f) => typeFor(f.split('/').pop()));
const goldenErrors = annotate(tsc(goldenTS), starts);
if (goldenErrors) {
  failed = true;
  console.error('slacktypes: golden payloads do not match @slack/types:\n' + goldenErrors);
} else {
  const counts = {};
  for (const f of known) counts[typeFor(f.split('/').pop())] = (counts[typeFor(f.split('/').pop())] || 0) + 1;
  console.log(`slacktypes: ${known.length} golden payloads match @slack/types (${JSON.stringify(counts)})`);
}

// 2. Every broken payload is rejected. Each one is checked in its own file,
// so one broken payload cannot pass unnoticed behind another's error. The
// type comes from the name: broken/<what is wrong>.<Type>.json.
const broken = jsonFiles(brokenDir);
if (broken.length === 0) {
  failed = true;
  console.error('slacktypes: no broken payloads under tools/slacktypes/broken');
}
for (const f of broken) {
  const m = f.split('/').pop().match(/^[a-z0-9_]+\.(Message|ModalView|HomeView|KnownBlocks)\.json$/);
  if (!m) {
    failed = true;
    console.error(`slacktypes: ${relative(repo, f)}: name must be <what>.<Message|ModalView|HomeView|KnownBlocks>.json`);
    continue;
  }
  const type = m[1] === 'KnownBlocks' ? 'KnownBlock[]' : m[1];
  const ts = join(genDir, 'broken_' + f.split('/').pop().replace(/\.json$/, '').replace(/\./g, '_') + '.ts');
  writeModule(ts, [f], () => type);
  const errs = tsc(ts);
  if (!/error TS\d+/.test(errs)) {
    failed = true;
    console.error(`slacktypes: ${relative(repo, f)} was accepted as ${type}, but it is broken: the check cannot fail`);
  } else {
    console.log(`slacktypes: ${relative(repo, f)} rejected as expected (${errs.match(/error TS\d+/)[0]})`);
  }
}

process.exit(failed ? 1 : 0);
