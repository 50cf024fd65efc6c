// kernel: macro_kernel — function-like macros with # (stringise), ## (paste), variadic __VA_ARGS__, nested expansion, #undef
// args: i32[1000]:iota i32[3000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: out[3i] = i*i + 3 (SQUARE + ADD3 via pasted name); out[3i+1] = SUM(i, 1, 2, 3) = i + 6; out[3i+2] = sizeof(STR(hello)) - 1 + MAX(i, 500) = 5 + max(i, 500)
#define SQUARE(x) ((x) * (x))
#define MAKE_ADDER(n) __device__ int add##n(int v) { return v + n; }
#define STR(s) #s
#define SUM(first, ...) sum_impl(first, __VA_ARGS__)
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define CALL(fn, ...) fn(__VA_ARGS__)

MAKE_ADDER(3)

__device__ int sum_impl(int a, int b, int c, int d) { return a + b + c + d; }

__global__ void macro_kernel(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = in[i];
    out[3 * i] = CALL(add3, SQUARE(v));
    out[3 * i + 1] = SUM(v, 1, 2, 3);
    out[3 * i + 2] = (int)sizeof(STR(hello)) - 1 + MAX(v, 500);
  }
}
#undef SQUARE
