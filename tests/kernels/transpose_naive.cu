// kernel: transpose_naive — out = in^T for a rows x cols matrix (2-D grid, partial tiles)
// args: f32[30300]:rand(21) f32[30300]:fill(-1) i32:150 i32:202
// grid: 13,10  block: 16,16
// reference: out[c*rows + r] = in[r*cols + c] for r < rows (150), c < cols (202)
__global__ void transpose_naive(const float *in, float *out, int rows, int cols) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r < rows && c < cols)
    out[c * rows + r] = in[r * cols + c];
}
