// kernel: matmul_tiled<16> — tiled matrix multiply C = A * B with the tile width as a template parameter
// args: f32[2304]:rand(42) f32[2304]:rand(43) f32[2304]:fill(-1) i32:48
// grid: 3,3  block: 16,16
// tol: 1e-4
// reference: C[r*n + c] = sum over k < n of A[r*n + k] * B[k*n + c], n = 48 (row-major square matrices)
template <int TILE>
__global__ void matmul_tiled(const float *A, const float *B, float *C, int n) {
  __shared__ float As[TILE][TILE];
  __shared__ float Bs[TILE][TILE];
  int row = blockIdx.y * TILE + threadIdx.y;
  int col = blockIdx.x * TILE + threadIdx.x;
  float acc = 0.0f;
  for (int t = 0; t < (n + TILE - 1) / TILE; ++t) {
    int ak = t * TILE + threadIdx.x, bk = t * TILE + threadIdx.y;
    As[threadIdx.y][threadIdx.x] = (row < n && ak < n) ? A[row * n + ak] : 0.0f;
    Bs[threadIdx.y][threadIdx.x] = (bk < n && col < n) ? B[bk * n + col] : 0.0f;
    __syncthreads();
#pragma unroll
    for (int k = 0; k < TILE; ++k) acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];
    __syncthreads();
  }
  if (row < n && col < n) C[row * n + col] = acc;
}

void launch(const float *A, const float *B, float *C, int n) {
  dim3 block(16, 16);
  dim3 grid((n + 15) / 16, (n + 15) / 16);
  matmul_tiled<16><<<grid, block>>>(A, B, C, n);
}
