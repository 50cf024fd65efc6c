// kernel: while_break_continue — while(1) with break and continue, counting digits with skips
// args: i32[10000]:rand(71) i32[10000]:fill(-1) i32:10000
// grid: 40  block: 256
// reference: v = abs(in[i]) * 37 + i; s = 0; while (true) { if (v == 0) break; d = v % 10; v /= 10; if (d == 3) continue; if (d == 7) { s += 100; continue; } s += d; } out[i] = s
__global__ void while_break_continue(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = abs(in[i]) * 37 + i;
    int s = 0;
    while (1) {
      if (v == 0) break;
      int d = v % 10;
      v /= 10;
      if (d == 3) continue;
      if (d == 7) {
        s += 100;
        continue;
      }
      s += d;
    }
    out[i] = s;
  }
}
