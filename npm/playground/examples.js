// Kernels to pick from, with launch settings and argument specs (CLI grammar).
export const EXAMPLES = [
  {
    name: 'saxpy',
    grid: '4', block: '256', shared: 0,
    args: 'i32:1000 f32:2 f32[1000]:iota f32[1000]:fill(1)',
    src: `// y = a*x + y
__global__ void saxpy(int n, float a, const float *x, float *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}
`,
  },
  {
    name: 'reduce (shared memory)',
    grid: '8', block: '128', shared: 512,
    args: 'f32[1024]:fill(1) f32[8]:zero i32:1024',
    src: `// one partial sum per block, through dynamic shared memory
extern __shared__ float sdata[];
__global__ void reduce(const float *in, float *out, int n) {
  unsigned t = threadIdx.x, i = blockIdx.x * blockDim.x + t;
  sdata[t] = i < n ? in[i] : 0.0f;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (t < s) sdata[t] += sdata[t + s];
    __syncthreads();
  }
  if (t == 0) out[blockIdx.x] = sdata[0];
}
`,
  },
  {
    name: 'histogram (atomics)',
    grid: '16', block: '256', shared: 0,
    args: 'u32[4096]:rand(7) u32[16]:zero i32:4096',
    src: `// 16-bin histogram of the low 4 bits
__global__ void histogram(const unsigned *v, unsigned *bins, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(&bins[v[i] & 15u], 1u);
}
`,
  },
  {
    name: 'warp sum (__shfl_down_sync)',
    grid: '2', block: '64', shared: 0,
    args: 'i32[128]:iota i32[4]:zero',
    src: `// sum of each warp's 32 values
__global__ void warp_sum(const int *in, int *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = in[i];
  for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
  if ((threadIdx.x & 31) == 0) out[i / 32] = v;
}
`,
  },
  {
    name: 'an error (diagnostics)',
    grid: '1', block: '32', shared: 0,
    args: 'f32[32]:zero',
    src: `__global__ void broken(float *a) {
  a[threadIdx.x] = undefined_value * 2.0f;
}
`,
  },
];
