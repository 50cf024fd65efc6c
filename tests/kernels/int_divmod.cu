// kernel: int_divmod — signed division/modulo with negative operands (truncation toward zero), unsigned div/mod, shifts of negatives
// args: i32[6000]:rand(82) i32[6000]:rand(83) i32[36000]:fill(-1) i32:6000
// grid: 24  block: 256
// reference: with a = x[i], b = y[i] | 1 (never 0), out[i*6+k] = {a / b, a % b, a / -7, a % -7, (int)((unsigned)a / 7u), (int)((unsigned)a % 7u)}[k] with C semantics (truncation toward zero)
__global__ void int_divmod(const int *x, const int *y, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int a = x[i], b = y[i] | 1;
    int *o = &out[6 * i];
    o[0] = a / b;
    o[1] = a % b;
    o[2] = a / -7;
    o[3] = a % -7;
    o[4] = (int)((unsigned int)a / 7u);
    o[5] = (int)((unsigned int)a % 7u);
  }
}
