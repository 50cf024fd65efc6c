#!/usr/bin/env node
// `npx cuda-wasm transpile FILE.cu [-o OUT] ...`: the native CLI's transpile
// command (src/cli/main.c) over the WebAssembly transpiler: same options, same
// output bytes, same diagnostics on stderr, same exit status (0 ok, 1 input
// rejected or unreadable, 2 usage or internal error).
import fs from 'node:fs';
import path from 'node:path';
import { Transpiler } from '../src/transpiler.js';
import { mirrorIncludes } from '../src/node_files.js';

// `cuda-wasm transpile k.cu | head`: a closed pipe ends the output quietly, as it does for the native CLI
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });

const USAGE = `usage: cuda-wasm <command> [options]

commands:
  transpile FILE.cu     translate CUDA kernels to WGSL or C

transpile options:
  -o OUT                write the output to OUT (default: standard output)
  --target wgsl|c       output language (default: wgsl)
  --kernel NAME         emit only this kernel (repeatable; default: all kernels)
  --emit-ir             print the kernel IR after all passes instead of the code
  --emit-metadata FILE  write the launch metadata (JSON, see docs/metadata.md)
  -I DIR                add DIR to the #include search path
  -D NAME[=VALUE]       define a macro
  -U NAME               undefine a macro
  --demote-double       wgsl: compute double as float (lossy; warns at every line it changes)
  --subgroups           wgsl: warp intrinsics as subgroup operations
  --f16                 wgsl: <cuda_fp16.h> arithmetic in native f16 (\`enable f16;\`)
  --f16-no-fma          wgsl: the same except __hfma/__hfma2, which keep the exact f32 code
  FILE may be '-' for standard input.

  --help                show this help
  --version             show the version
(The npm package has no 'run' or 'devices' command: use the JavaScript API.)
`;

function fail(msg, code) {
  process.stderr.write(`cuda-wasm: ${msg}\n`);
  return code;
}

async function transpile(args) {
  let input = null, out = null, metaOut = null;
  const o = { target: 'wgsl', kernels: [], defines: [], undefines: [], includeDirs: [] };
  const val = (i, opt) => {
    const a = args[i];
    if (a.length > opt.length && a.startsWith(opt)) return [a.slice(opt.length + (a[opt.length] === '=' ? 1 : 0)), i];
    if (i + 1 >= args.length) return [null, i];
    return [args[i + 1], i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v;
    if (a === '-o') {
      [v, i] = val(i, '-o');
      if (v == null) return fail("option '-o' needs a value", 2);
      out = v;
    } else if (a === '--target' || a.startsWith('--target=')) {
      [v, i] = val(i, '--target');
      if (v == null) return fail("option '--target' needs a value", 2);
      if (v !== 'wgsl' && v !== 'c') return fail(`unknown target '${v}' (expected wgsl or c)`, 2);
      o.target = v;
    } else if (a === '--kernel' || a.startsWith('--kernel=')) {
      [v, i] = val(i, '--kernel');
      if (v == null) return fail("option '--kernel' needs a value", 2);
      o.kernels.push(v);
    } else if (a === '--emit-ir') o.emitIr = true;
    else if (a === '--demote-double') o.demoteDouble = true;
    else if (a === '--subgroups') o.subgroups = true;
    else if (a === '--f16') o.halfNative = 2;
    else if (a === '--f16-no-fma') o.halfNative = 1;
    else if (a === '--emit-metadata' || a.startsWith('--emit-metadata=')) {
      [v, i] = val(i, '--emit-metadata');
      if (v == null) return fail("option '--emit-metadata' needs a value", 2);
      metaOut = v;
    } else if (/^-[IDU]/.test(a)) {
      const opt = a.slice(0, 2);
      if (a.length > 2) v = a.slice(2);
      else if (i + 1 < args.length) v = args[++i];
      else return fail(`option '${opt}' needs a value`, 2);
      ({ '-I': o.includeDirs, '-D': o.defines, '-U': o.undefines })[opt].push(v);
    } else if (a[0] === '-' && a.length > 1) return fail(`unknown option '${a}' (see cuda-wasm --help)`, 2);
    else if (input == null) input = a;
    else return fail(`more than one input file ('${input}' and '${a}')`, 2);
  }
  if (input == null) return fail('transpile needs an input file (see cuda-wasm --help)', 2);
  let src;
  try {
    src = fs.readFileSync(input === '-' ? 0 : input);
  } catch (e) {
    return fail(`cannot open '${input}': ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`, 1);
  }
  const t = await Transpiler.load();
  t.chdir(process.cwd());
  const file = input === '-' ? path.resolve('<stdin>') : path.resolve(input);
  mirrorIncludes(t, file, src.toString('utf8'), o.includeDirs, new Set());
  o.filename = input === '-' ? '<stdin>' : input;
  const r = t.transpile(src.toString('utf8'), o);
  for (const d of r.diagnostics) process.stderr.write(d.rendered);
  if (!r.ok) {
    if (o.emitIr && r.ir) process.stdout.write(r.ir);
    return r.status === 'internal' ? 2 : 1;
  }
  const text = (o.emitIr ? r.ir : r.code) || '';
  const write = (p, s) => {
    if (!p || p === '-') process.stdout.write(s);
    else fs.writeFileSync(p, s);
  };
  try {
    write(out, text);
  } catch (e) {
    return fail(`cannot write '${out}': ${e.message}`, 1);
  }
  if (metaOut) {
    try {
      write(metaOut, r.metadataJson);
    } catch (e) {
      return fail(`cannot write '${metaOut}': ${e.message}`, 1);
    }
  }
  return 0;
}

async function main(argv) {
  const cmd = argv[0];
  if (!cmd) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (cmd === '--version') {
    const t = await Transpiler.load();
    process.stdout.write(`cuda-wasm ${t.version}\n`);
    return 0;
  }
  if (cmd === 'transpile') return transpile(argv.slice(1));
  return fail(`unknown command '${cmd}' (see cuda-wasm --help)`, 2);
}

process.exitCode = await main(process.argv.slice(2));
