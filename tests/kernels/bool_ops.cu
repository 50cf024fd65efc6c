// kernel: bool_ops — bool locals and returns, !, &&, ||, comparisons producing 0/1, bool in arithmetic, unsigned keyword alone
// args: i32[4000]:rand(124) i32[4000]:fill(-1) i32:4000
// grid: 16  block: 256
// reference: v = in[i]; even = v % 2 == 0; big = v > 300 || v < -300; out[i] = (even ? 1 : 0) + 2*(big ? 1 : 0) + 4*(!even && !big ? 1 : 0) + 8*(int)(v == 0) + 16*(int)is_prime(abs(v)) where is_prime is trial division (0, 1 are not prime)
__device__ bool is_prime(unsigned v) {
  if (v < 2) return false;
  for (unsigned d = 2; d * d <= v; d++)
    if (v % d == 0) return false;
  return true;
}

__global__ void bool_ops(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = in[i];
    bool even = v % 2 == 0;
    bool big = v > 300 || v < -300;
    bool neither = !even && !big;
    out[i] = even + 2 * big + 4 * neither + 8 * (v == 0) + 16 * is_prime((unsigned)abs(v));
  }
}
