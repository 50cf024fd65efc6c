// kernel: pack_words<short,2> — non-type arguments that are constant expressions (sizeof(T), BLOCK / 2)
// args: i32[4096]:rand(60) i32[4096]:fill(-1) i32:4096
// grid: 16  block: 256
// reference: out[i] = in[i] * 2 + 128 (2 = sizeof(short) bytes per word, 128 = BLOCK / 2)
#define BLOCK 256
template <typename T, int BYTES, int HALF>
__device__ int weigh(int v) { return v * BYTES + HALF; }

template <typename T, int BYTES>
__global__ void pack_words(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = weigh<T, BYTES, BLOCK / 2>(in[i]);
}

template __global__ void pack_words<short, sizeof(short)>(const int *, int *, int);
