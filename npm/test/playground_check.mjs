// The playground in the browser: it loads, transpiles what is typed (code and
// diagnostics), runs saxpy on WebGPU and shows the result; the values shown
// are checked against y = 2*i + 1, and a screenshot is saved. Without WebGPU
// (a browser started without it) the same run goes to the CPU fallback.
import path from 'node:path';

export async function checkPlayground(browser, base, artifacts, { on = 'WebGPU', shot = 'playground.png' } = {}) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let fails = 0;
  const check = (ok, what) => { console.log(`${ok ? 'ok' : 'FAIL'} playground: ${what}`); if (!ok) fails++; };
  try {
    await page.goto(`${base}/playground/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    check((await page.textContent('#out')).includes('@compute'), 'shows WGSL for the first example');
    // Typing an error shows a located diagnostic, as you type.
    await page.fill('#src', '__global__ void k(float *a) {\n  a[0] = nope;\n}\n');
    await page.waitForFunction(() => document.querySelector('#diags li'));
    const diag = await page.textContent('#diags li');
    check(diag === "2:10: error: use of undeclared identifier 'nope'", `diagnostic as you type (${diag})`);
    // Back to saxpy, run it.
    await page.selectOption('#example', '0');
    await page.waitForFunction(() => document.querySelector('#out').textContent.includes('saxpy'));
    await page.click('#run');
    await page.waitForSelector('#result[data-state]', { timeout: 60000 });
    const result = await page.textContent('#result');
    console.log(result);
    const m = /arg3 f32\[1000\] = (.*)/.exec(result);
    const want = Array.from({ length: 16 }, (_, i) => String(2 * i + 1)).join(' ') + ' ...';
    check(m && m[1] === want, 'saxpy result y = 2*i + 1 shown');
    check(new RegExp(`kernel saxpy on ${on.replace(/[()]/g, '\\$&')}: [0-9.]+ ms`).test(result), `ran on ${on}, timing shown`);
    // native f16: on WebGPU the runtime's probe result is shown (SwiftShader: no shader-f16)
    const half = /^half: (.*)$/m.exec(result)?.[1] ?? null;
    check(on === 'WebGPU' ? /^(f16|f16, fma in f32 \(.+\)|f32 \(.+\))$/.test(half ?? '') : half === null,
      `native f16 level shown on WebGPU only (${half})`);
    check(errors.length === 0, `no page errors ${errors.join('; ')}`);
    const file = path.join(artifacts, shot);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
  } catch (e) {
    check(false, e.message.split('\n')[0]);
  }
  await page.close();
  return fails;
}
