// kernel: conv_rows — separable convolution, row pass: radius 8, 17 weights in __constant__ memory, a shared tile of 32x8 pixels plus an 8-pixel apron left and right, zero outside the image
// args: f32[60000]:rand(341) f32[60000]:fill(-1) i32:300 i32:200
// grid: 10,25  block: 32,8
// reference: out[y*w+x] = sum_{k=-8..8} c[8-k] * (0 <= x+k < w ? in[y*w+x+k] : 0), summed k = -8 upwards, c[j] = (j + 1) / 81 for j <= 8 and (17 - j) / 81 above (float division)
// tol: 1e-5
// kernel: conv_cols — separable convolution, column pass: the same 17 weights, a shared tile of 16x16 pixels plus an 8-pixel apron above and below
// args: f32[60000]:rand(342) f32[60000]:fill(-1) i32:300 i32:200
// grid: 19,13  block: 16,16
// reference: out[y*w+x] = sum_{k=-8..8} c[8-k] * (0 <= y+k < h ? in[(y+k)*w+x] : 0), summed k = -8 upwards
// tol: 1e-5
#define KERNEL_RADIUS 8
#define KERNEL_LENGTH (2 * KERNEL_RADIUS + 1)

__constant__ float c_Kernel[KERNEL_LENGTH] = {
    1.0f / 81, 2.0f / 81, 3.0f / 81, 4.0f / 81, 5.0f / 81, 6.0f / 81, 7.0f / 81, 8.0f / 81, 9.0f / 81,
    8.0f / 81, 7.0f / 81, 6.0f / 81, 5.0f / 81, 4.0f / 81, 3.0f / 81, 2.0f / 81, 1.0f / 81};

#define ROWS_BX 32
#define ROWS_BY 8

__global__ void conv_rows(const float *in, float *out, int w, int h) {
  __shared__ float tile[ROWS_BY][ROWS_BX + 2 * KERNEL_RADIUS];
  int tx = threadIdx.x, ty = threadIdx.y;
  int x = blockIdx.x * ROWS_BX + tx;
  int y = blockIdx.y * ROWS_BY + ty;
  bool row_ok = y < h;
  // centre
  tile[ty][tx + KERNEL_RADIUS] = (row_ok && x < w) ? in[y * w + x] : 0.0f;
  // left and right aprons
  if (tx < KERNEL_RADIUS) {
    int xl = x - KERNEL_RADIUS;
    tile[ty][tx] = (row_ok && xl >= 0) ? in[y * w + xl] : 0.0f;
    int xr = blockIdx.x * ROWS_BX + ROWS_BX + tx;
    tile[ty][tx + ROWS_BX + KERNEL_RADIUS] = (row_ok && xr < w) ? in[y * w + xr] : 0.0f;
  }
  __syncthreads();
  if (!row_ok || x >= w) return;
  float sum = 0.0f;
#pragma unroll
  for (int k = -KERNEL_RADIUS; k <= KERNEL_RADIUS; k++)
    sum += c_Kernel[KERNEL_RADIUS - k] * tile[ty][tx + KERNEL_RADIUS + k];
  out[y * w + x] = sum;
}

#define COLS_BX 16
#define COLS_BY 16

__global__ void conv_cols(const float *in, float *out, int w, int h) {
  __shared__ float tile[COLS_BY + 2 * KERNEL_RADIUS][COLS_BX];
  int tx = threadIdx.x, ty = threadIdx.y;
  int x = blockIdx.x * COLS_BX + tx;
  int y = blockIdx.y * COLS_BY + ty;
  bool col_ok = x < w;
  tile[ty + KERNEL_RADIUS][tx] = (col_ok && y < h) ? in[y * w + x] : 0.0f;
  if (ty < KERNEL_RADIUS) {
    int yt = y - KERNEL_RADIUS;
    tile[ty][tx] = (col_ok && yt >= 0) ? in[yt * w + x] : 0.0f;
    int yb = blockIdx.y * COLS_BY + COLS_BY + ty;
    tile[ty + COLS_BY + KERNEL_RADIUS][tx] = (col_ok && yb < h) ? in[yb * w + x] : 0.0f;
  }
  __syncthreads();
  if (!col_ok || y >= h) return;
  float sum = 0.0f;
  for (int k = -KERNEL_RADIUS; k <= KERNEL_RADIUS; k++)
    sum += c_Kernel[KERNEL_RADIUS - k] * tile[ty + KERNEL_RADIUS + k][tx];
  out[y * w + x] = sum;
}
