#!/usr/bin/env node
// Compiles every .sol file under contracts/src through bin/solc (standard JSON, the project's
// settings), prints diagnostics with file:line and each contract's runtime size.
// Exit code: 1 on any compiler error or any runtime bytecode above the EIP-170 limit.
//   node scripts/compile-check.js [--root DIR] [--out DIR]
// --root: the contracts folder to compile (default: this script's own; its `src/` is read).
// --out:  also write each deployable contract's solc output ({abi, evm}) as DIR/<Name>.json,
//         a layout `--contracts` manifests can name (the mutation gate uses it).
// SOLC, when set, is the compiler to run instead of bin/solc.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0) return null;
  if (i + 1 >= process.argv.length) {
    console.error(`${name} needs a folder`);
    process.exit(2);
  }
  return path.resolve(process.argv[i + 1]);
}
const root = option('--root') || path.resolve(__dirname, '..');
const outDir = option('--out');
const compiler = process.env.SOLC || path.join(__dirname, '..', 'bin', 'solc');
const EIP170 = 24576;
const EIP3860 = 49152;

function collect(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) collect(full, out);
    else if (e.name.endsWith('.sol')) out.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return out;
}

const files = collect(path.join(root, 'src'), []);
const sources = {};
for (const f of files) sources[f] = { content: fs.readFileSync(path.join(root, f), 'utf8') };

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: false, runs: 200 },
    evmVersion: 'prague',
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};

const res = spawnSync(compiler, ['--base-path', root, '--standard-json'], {
  input: JSON.stringify(input),
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
if (res.status !== 0) {
  process.stderr.write(res.stderr || '');
  console.error(`${compiler} exited with status ${res.status}`);
  process.exit(1);
}
const out = JSON.parse(res.stdout);

let failed = false;
for (const e of out.errors || []) {
  const loc = e.sourceLocation;
  let where = '';
  if (loc && sources[loc.file]) {
    const line = sources[loc.file].content.slice(0, Math.max(loc.start, 0)).split('\n').length;
    where = `${loc.file}:${line}: `;
  } else if (loc) where = `${loc.file}: `;
  console.log(`${where}${e.severity}: ${e.type}: ${e.message}`);
  if (e.severity === 'error') failed = true;
}

const rows = [];
for (const [file, contracts] of Object.entries(out.contracts || {})) {
  for (const [name, c] of Object.entries(contracts)) {
    const evm = c.evm || {};
    const runtime = ((evm.deployedBytecode || {}).object || '').length / 2;
    const init = ((evm.bytecode || {}).object || '').length / 2;
    if (runtime === 0) continue; // interfaces, abstract contracts
    if (new RegExp(`\\blibrary\\s+${name}\\b`).test(sources[file].content)) continue; // internal-only libraries
    rows.push({ file, name, runtime, init });
    if (outDir && !failed) {
      fs.mkdirSync(outDir, { recursive: true });
      fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify({ abi: c.abi, evm }) + '\n');
    }
  }
}
rows.sort((a, b) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name));
for (const r of rows) {
  const flag = r.runtime > EIP170 || r.init > EIP3860 ? '  TOO LARGE' : '';
  console.log(`${r.name.padEnd(32)} runtime ${String(r.runtime).padStart(6)} B   initcode ${String(r.init).padStart(6)} B   ${r.file}${flag}`);
  if (flag) failed = true;
}
console.log(`${rows.length} contracts, ${files.length} source files, limit ${EIP170} B runtime: ${failed ? 'FAILED' : 'OK'}`);
process.exit(failed ? 1 : 0);
