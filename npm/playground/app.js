// The playground: transpiles as you type (WebAssembly), shows code and
// diagnostics, runs the chosen kernel on WebGPU with the given sizes and args.
import { CudaWasm, parseArg, getValue } from '../src/index.js';
import { EXAMPLES } from './examples.js';

const $ = (id) => document.getElementById(id);
const cw = await CudaWasm.load();
let last = null, runtime = null;

for (const [i, e] of EXAMPLES.entries()) $('example').add(new Option(e.name, i));

function pick(i) {
  const e = EXAMPLES[i];
  $('src').value = e.src;
  $('grid').value = e.grid;
  $('block').value = e.block;
  $('shared').value = e.shared;
  $('args').value = e.args;
  update();
}

function update() {
  const target = $('target').value;
  const t0 = performance.now();
  last = cw.transpile($('src').value, { filename: 'kernel.cu', target });
  const ms = performance.now() - t0;
  $('tstatus').textContent = `transpiled in ${ms.toFixed(1)} ms: ${last.status}`;
  $('outtitle').textContent = target === 'c' ? 'C' : 'WGSL';
  $('out').textContent = last.ok ? last.code : '';
  $('diags').replaceChildren(...last.diagnostics.map((d) => {
    const li = document.createElement('li');
    li.className = d.severity;
    li.textContent = `${d.line}:${d.column}: ${d.severity}: ${d.message}`;
    return li;
  }));
  const prev = $('kernel').value;
  $('kernel').replaceChildren(...(last.metadata?.kernels || []).map((k) => new Option(k.name)));
  if ([...$('kernel').options].some((o) => o.value === prev)) $('kernel').value = prev;
}

const dims = (s) => s.split(',').map((x) => Number(x.trim()));

async function run() {
  const out = $('result');
  try {
    if (!runtime) runtime = await cw.createRuntime();
    // on WebGPU, with the native f16 level the runtime's probe found (rt.half)
    const r = cw.transpile($('src').value, { filename: 'kernel.cu', target: 'wgsl', halfNative: runtime.half?.level ?? 0 });
    if (!r.ok) throw new Error('the kernel does not transpile (see diagnostics)');
    // the interpreter (CPU fallback without WebGPU) loads from source
    const mod = runtime.kind !== 'webgpu' ? await runtime.loadModule($('src').value, { filename: 'kernel.cu' })
      : await runtime.loadModule(r);
    const k = mod.kernel($('kernel').value);
    const specs = $('args').value.trim().split(/\s+/).filter(Boolean).map(parseArg);
    const bufs = specs.map((a) => {
      if (a.kind !== 'buffer') return null;
      const b = runtime.malloc(a.bytes.byteLength);
      runtime.write(b, a.bytes);
      return b;
    });
    const args = specs.map((a, i) => bufs[i] || a.value);
    const t0 = performance.now();
    const how = runtime.launch(k, { grid: dims($('grid').value), block: dims($('block').value), shared: Number($('shared').value) || 0, args });
    await runtime.synchronize();
    const ms = performance.now() - t0;
    const on = runtime.kind === 'webgpu' ? 'WebGPU' : 'the CPU fallback (WebAssembly)';
    const lines = [`kernel ${k.name} on ${on}${how?.engine === 'interpreter' ? ' (interpreted)' : ''}: ${ms.toFixed(2)} ms (launch + wait)`];
    if (runtime.half) { // as the native `cuda-wasm devices` words it
      const h = runtime.half;
      lines.push(`half: ${h.level === 2 ? 'f16' : h.level === 1 ? `f16, fma in f32 (${h.why})` : `f32 (${h.why})`}`);
    }
    for (const [i, a] of specs.entries()) {
      if (!bufs[i]) continue;
      const d = new DataView(await runtime.read(bufs[i]));
      const n = Math.min(a.count, 16);
      const vals = Array.from({ length: n }, (_, j) => String(getValue(d, j, a.type)));
      lines.push(`arg${i} ${a.type}[${a.count}] = ${vals.join(' ')}${a.count > n ? ' ...' : ''}`);
      bufs[i].free();
    }
    out.textContent = lines.join('\n');
    out.dataset.state = 'done';
  } catch (e) {
    out.textContent = `error: ${e.message}`;
    out.dataset.state = 'error';
  }
}

let timer = 0;
$('src').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(update, 150); });
$('target').addEventListener('change', update);
$('example').addEventListener('change', (e) => pick(Number(e.target.value)));
$('run').addEventListener('click', run);
$('gpu').textContent = typeof navigator !== 'undefined' && navigator.gpu ? '' : '(no navigator.gpu here: kernels run on the CPU fallback, compiled to WebAssembly)';
pick(0);
document.body.dataset.ready = 'true';
