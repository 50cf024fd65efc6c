// kernel: ternary_comma — nested ternaries, comma operator in for and expressions, logical short-circuit with side effects
// args: i32[5000]:rand(74) i32[5000]:fill(-1) i32[5000]:fill(-1) i32:5000
// grid: 20  block: 256
// reference: v = in[i]; sign = v > 0 ? 1 : v < 0 ? -1 : 0; a = (v & 1) ? (v > 100 ? 3 : 2) : (v < -100 ? -3 : -2); c = 0; for (j = 0, k = 10; j < k; j++, k--) c += j*k;  t = (c++, c + sign); cnt = 0; if (v > 0 && (cnt++, v > 500)) cnt += 10; if (v < 0 || (cnt++, 0)) cnt += 20;  out1[i] = sign*100 + a; out2[i] = t*1000 + cnt
__global__ void ternary_comma(const int *in, int *out1, int *out2, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = in[i];
    int sign = v > 0 ? 1 : v < 0 ? -1 : 0;
    int a = (v & 1) ? (v > 100 ? 3 : 2) : (v < -100 ? -3 : -2);
    int c = 0, j, k;
    for (j = 0, k = 10; j < k; j++, k--) c += j * k;
    int t = (c++, c + sign);
    int cnt = 0;
    if (v > 0 && (cnt++, v > 500)) cnt += 10;
    if (v < 0 || (cnt++, 0)) cnt += 20;
    out1[i] = sign * 100 + a;
    out2[i] = t * 1000 + cnt;
  }
}
