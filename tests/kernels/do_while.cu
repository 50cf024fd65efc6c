// kernel: collatz_steps — do-while loop: Collatz steps (capped) of 1 + (i % 10007), unsigned arithmetic
// args: i32[20000]:fill(-1) i32:20000
// grid: 79  block: 256
// reference: v = 1 + i % 10007; steps = 0; do { v = v even ? v/2 : 3v+1; steps++ } while (v != 1 && steps < 500); out[i] = steps
__global__ void collatz_steps(int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    unsigned int v = 1u + (unsigned int)(i % 10007);
    int steps = 0;
    do {
      if (v & 1u)
        v = 3u * v + 1u;
      else
        v >>= 1;
      ++steps;
    } while (v != 1u && steps < 500);
    out[i] = steps;
  }
}
