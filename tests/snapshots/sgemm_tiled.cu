// kernel: sgemm_tiled — C = A*B with 16x16 shared-memory tiles, zero-padded edges, #pragma unroll inner loop
// args: f32[15400]:rand(44) f32[11550]:rand(45) f32[30000]:fill(-1) i32:200 i32:150 i32:77
// grid: 10,13  block: 16,16
// reference: C[r*N + c] = sum_k A[r*K + k]*B[k*N + c] for r < M (200), c < N (150), K = 77
// tol: 1e-4
#define TILE 16

__global__ void sgemm_tiled(const float *A, const float *B, float *C, int M, int N, int K) {
  __shared__ float As[TILE][TILE];
  __shared__ float Bs[TILE][TILE];
  int tx = threadIdx.x, ty = threadIdx.y;
  int row = blockIdx.y * TILE + ty;
  int col = blockIdx.x * TILE + tx;
  float acc = 0.0f;
  for (int t = 0; t < (K + TILE - 1) / TILE; ++t) {
    int ak = t * TILE + tx;
    int bk = t * TILE + ty;
    As[ty][tx] = (row < M && ak < K) ? A[row * K + ak] : 0.0f;
    Bs[ty][tx] = (bk < K && col < N) ? B[bk * N + col] : 0.0f;
    __syncthreads();
#pragma unroll
    for (int k = 0; k < TILE; ++k)
      acc += As[ty][k] * Bs[k][tx];
    __syncthreads();
  }
  if (row < M && col < N) C[row * N + col] = acc;
}
