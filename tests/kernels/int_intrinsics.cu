// kernel: int_intrinsics — __mul24, __umul24, __mulhi, __umulhi, min, max, abs (int and unsigned)
// args: i32[2500]:rand(85) i32[2500]:rand(86) u32[2500]:rand(87) i32[20000]:fill(-1) i32:2500
// grid: 10  block: 256
// reference: with a = x[i], b = y[i] (|a|,|b| <= 1000), u = z[i]: out[8i+k] = {a*b (mul24), (int)((u & 0xffffff) * (u >> 8 & 0xffffff)) (umul24, low 32 bits), (int)(((long long)(a*100000) * (b*3000)) >> 32) (mulhi), (int)(((unsigned long long)u * 0x9e3779b9u) >> 32) (umulhi), min(a,b), max(a,b), abs(a - b), (int)min(u, 12345u)}[k]
__global__ void int_intrinsics(const int *x, const int *y, const unsigned int *z, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int a = x[i], b = y[i];
    unsigned int u = z[i];
    out[8 * i + 0] = __mul24(a, b);
    out[8 * i + 1] = (int)__umul24(u & 0xffffffu, (u >> 8) & 0xffffffu);
    out[8 * i + 2] = __mulhi(a * 100000, b * 3000);
    out[8 * i + 3] = (int)__umulhi(u, 0x9e3779b9u);
    out[8 * i + 4] = min(a, b);
    out[8 * i + 5] = max(a, b);
    out[8 * i + 6] = abs(a - b);
    out[8 * i + 7] = (int)min(u, 12345u);
  }
}
