#!/usr/bin/env bash
# `npm pack` output installs into an empty directory with no network, and
# works there: `npx cuda-wasm transpile` gives the native CLI's bytes, and
# `import { CudaWasm } from 'cuda-wasm'` transpiles with diagnostics.
#   npm/scripts/pack-test.sh NATIVE_CLI
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
native=${1:-$root/build/cuda-wasm}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cw-pack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export npm_config_offline=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
tgz=$(cd "$here" && npm pack --silent --pack-destination "$tmp")
echo "packed $tgz ($(du -k "$tmp/$tgz" | cut -f1) KiB)"
mkdir "$tmp/app"
cd "$tmp/app"
npm init -y >/dev/null
npm install --silent "$tmp/$tgz"
cp "$root/examples/saxpy.cu" .
npx --no-install cuda-wasm transpile saxpy.cu -o saxpy.wgsl --emit-metadata saxpy.json
"$native" transpile saxpy.cu -o want.wgsl --emit-metadata want.json
cmp saxpy.wgsl want.wgsl
cmp saxpy.json want.json
echo "npx cuda-wasm transpile: same bytes as $native"
rc=0
printf '__global__ void k(float *a) { a[0] = nope; }\n' > bad.cu
npx --no-install cuda-wasm transpile bad.cu 2> bad.err || rc=$?
[ "$rc" -eq 1 ] && grep -q "bad.cu:1:38: error: use of undeclared identifier 'nope'" bad.err
echo "npx cuda-wasm transpile of a bad kernel: exit 1 with a located error"
cat > use.mjs <<'JS'
import { CudaWasm } from 'cuda-wasm';
const r = await CudaWasm.transpile('__global__ void k(int *p, int n) { p[threadIdx.x] = n; }', { target: 'c' });
if (!r.ok || !r.c.includes('void') || r.metadata.kernels[0].params.length !== 2) { console.error(r); process.exit(1); }
const bad = await CudaWasm.transpile('__global__ void k(int *p) { p[0] = q; }');
const d = bad.diagnostics[0];
if (bad.ok || d.line !== 1 || d.column !== 36 || d.severity !== 'error') { console.error(bad); process.exit(1); }
// No WebGPU in Node: createRuntime falls back to kernels compiled to WebAssembly.
const rt = await (await CudaWasm.load()).createRuntime();
if (rt.kind !== 'wasm') { console.error('expected the CPU fallback, got', rt.kind); process.exit(1); }
const mod = await rt.loadModule('__global__ void sq(float *a, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) a[i] = a[i] * a[i]; }');
const a = rt.malloc(4 * 300);
rt.write(a, Float32Array.from({ length: 300 }, (_, i) => i));
const how = rt.launch(mod.kernel('sq'), { grid: 3, block: 128, args: [a, 300] });
if (how.engine !== 'wasm') { console.error('not compiled:', how); process.exit(1); }
const out = new Float32Array(await rt.read(a));
for (let i = 0; i < 300; i++) if (out[i] !== i * i) { console.error('sq', i, out[i]); process.exit(1); }
console.log('import from cuda-wasm: ok (transpile, diagnostics, a kernel on the CPU fallback)');
JS
node use.mjs
