// Two kernels in one file; each "// kernel:" block is the spec of the kernel it names (tested independently).

// kernel: lane_info — warpSize, lane and warp ids, __threadfence_block between two stores
// args: i32[2600]:fill(-1) i32:1300
// grid: 11  block: 128
// reference: out[2i] = i % 32 (lane, warpSize = 32), out[2i+1] = (i % 128) / 32 (warp in block) for i < n (1300)
__global__ void lane_info(int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    out[2 * i] = threadIdx.x % warpSize;
    __threadfence_block();
    out[2 * i + 1] = threadIdx.x / warpSize;
  }
}

// kernel: axpby — y = a*x + b*y with a second kernel in the same file
// args: f32[1500]:rand(122) f32[1500]:rand(123) f32:0.75 f32:-2 i32:1500
// grid: 6  block: 256
// reference: y[i] = a*x[i] + b*y[i] for i < n
__global__ void axpby(const float *x, float *y, float a, float b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + b * y[i];
}
