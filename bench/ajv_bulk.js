#!/usr/bin/env node
// ajv_bulk.js - the reference side of make bench: ajv 8 (draft 2020-12,
// ajv-formats) compiling the project's own schemas/ once, then validating
// payloads end to end from bytes (read, JSON.parse, validate).
//
//   node bench/ajv_bulk.js [--ndjson] [--verdicts] [--all-errors] [--passes N]
//                          NAME FILE [NAME FILE ...]
//
// NAME is a body schema (schemas/NAME.json, looked up by its $id after every
// schemas/*.json file is added).  --ndjson: one payload per non-blank line.
// --verdicts: print "FILE:LINE<TAB>valid|invalid" per payload ("FILE" alone
// without --ndjson), as campaign-lint --format json names them (the
// agreement check).  --passes N: steady state instead of end to end: read
// and split every file once, then time N passes of JSON.parse + validate
// over all payloads, printing per pass (as bench/engine_overhead does)
//   ajv<TAB>pass<TAB>seconds<TAB>payloads<TAB>bytes
// Exit status 0 when every payload is valid, 1 when some is not, 2 on a
// usage or schema error.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');

const ID_PREFIX = 'https://campaign-contract.example/schemas/';

function usage(msg) {
  if (msg) process.stderr.write(`ajv_bulk: ${msg}\n`);
  process.stderr.write('usage: node ajv_bulk.js [--ndjson] [--verdicts] [--all-errors] [--passes N] NAME FILE [NAME FILE ...]\n');
  process.exit(2);
}

const opts = { ndjson: false, verdicts: false, allErrors: false, passes: 0 };
const pairs = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--ndjson') opts.ndjson = true;
  else if (a === '--verdicts') opts.verdicts = true;
  else if (a === '--all-errors') opts.allErrors = true;
  else if (a === '--passes' && i + 1 < args.length) {
    opts.passes = Number(args[++i]);
    if (!(opts.passes >= 1)) usage('--passes needs a positive count');
  }
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (i + 1 < args.length) { pairs.push([a, args[i + 1]]); i++; }
  else usage('NAME without FILE');
}
if (pairs.length === 0) usage();

const schemaDir = process.env.CAMPAIGN_SCHEMA_DIR || path.join(__dirname, '..', 'schemas');

// strict: false because the schemas carry the engine's x-error / x-error-at
// annotations and if/then shapes ajv's strict mode warns about; the two
// keywords are also registered so they are known annotations, not typos.
const ajv = new Ajv2020({ strict: false, allErrors: opts.allErrors });
addFormats(ajv);
ajv.addKeyword({ keyword: 'x-error', schemaType: 'string' });
ajv.addKeyword({ keyword: 'x-error-at', schemaType: 'string' });
for (const f of fs.readdirSync(schemaDir).filter((n) => n.endsWith('.json')).sort()) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, f), 'utf8')));
}

const validators = new Map();
function validatorFor(name) {
  let v = validators.get(name);
  if (!v) {
    v = ajv.getSchema(ID_PREFIX + name + '.json');
    if (!v) usage(`unknown schema ${name}`);
    validators.set(name, v);
  }
  return v;
}

let payloads = 0;
let invalid = 0;
const out = [];

// Calls fn(text, where) for each payload of one file, in order, straight
// from the file's text (one payload, or one per non-blank line with --ndjson).
function forEachPayload(file, fn) {
  const text = fs.readFileSync(file, 'utf8');
  if (!opts.ndjson) {
    fn(text, file);
    return;
  }
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    line++;
    const s = text.slice(pos, end);
    if (s.trim() !== '') fn(s, `${file}:${line}`);
    pos = end + 1;
  }
}

// Payloads of one file: [text, where] pairs.
function payloadsOf(file) {
  const list = [];
  forEachPayload(file, (s, where) => list.push([s, where]));
  return list;
}

function check(validate, text, where) {
  let ok;
  try {
    ok = validate(JSON.parse(text));
  } catch (e) {
    ok = false; // malformed JSON counts as an invalid payload
  }
  payloads++;
  if (!ok) invalid++;
  if (opts.verdicts) out.push(`${where}\t${ok ? 'valid' : 'invalid'}`);
}

function steadyState() {
  // Steady state: everything in memory first, one untimed pass to warm up
  // the JIT, then the timed passes.
  const work = pairs.map(([name, file]) => [validatorFor(name), payloadsOf(file)]);
  let bytes = 0;
  let count = 0;
  for (const [, list] of work) for (const [s] of list) { bytes += Buffer.byteLength(s); count++; }
  for (let pass = 0; pass <= opts.passes; pass++) {
    const t0 = process.hrtime.bigint();
    for (const [validate, list] of work) for (const [s, where] of list) check(validate, s, where);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    if (pass > 0) out.push(`ajv\t${pass}\t${secs.toFixed(6)}\t${count}\t${bytes}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

function endToEnd() {
  for (const [name, file] of pairs) {
    const validate = validatorFor(name);
    forEachPayload(file, (s, where) => check(validate, s, where));
  }
  if (opts.verdicts) process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
  process.stderr.write(`${payloads} payloads, ${invalid} invalid\n`);
}

if (opts.passes) steadyState();
else endToEnd();
process.exitCode = invalid ? 1 : 0;
