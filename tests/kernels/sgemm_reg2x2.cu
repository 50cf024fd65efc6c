// kernel: sgemm_reg2x2 — C = A*B (row-major, M x K times K x N) with register blocking: each thread computes a 2x2 block of C from 16x16 shared tiles of A and B (a 16x16 thread block covers 32x32 of C)
// args: f32[9100]:rand(401) f32[7000]:rand(402) f32[13000]:fill(-1) i32:130 i32:70 i32:100
// grid: 4,5  block: 16,16
// reference: C[i*N+j] = sum_{k=0..K-1, ascending} A[i*K+k] * B[k*N+j] for i < M = 130, j < N = 100, K = 70
// tol: 1e-5
#define TS 16

__global__ void sgemm_reg2x2(const float *A, const float *B, float *C, int M, int K, int N) {
  __shared__ float As[2 * TS][TS];
  __shared__ float Bs[TS][2 * TS];
  int tx = threadIdx.x, ty = threadIdx.y;
  int row0 = blockIdx.y * 2 * TS + ty;      // rows row0 and row0 + TS
  int col0 = blockIdx.x * 2 * TS + tx;      // columns col0 and col0 + TS
  float c00 = 0.0f, c01 = 0.0f, c10 = 0.0f, c11 = 0.0f;
  for (int kt = 0; kt < K; kt += TS) {
    for (int r = 0; r < 2; r++) {
      int gr = row0 + r * TS, gk = kt + tx;
      As[ty + r * TS][tx] = (gr < M && gk < K) ? A[gr * K + gk] : 0.0f;
      int bk = kt + ty, gc = col0 + r * TS;
      Bs[ty][tx + r * TS] = (bk < K && gc < N) ? B[bk * N + gc] : 0.0f;
    }
    __syncthreads();
    int kmax = min(TS, K - kt);
    for (int k = 0; k < kmax; k++) {
      float a0 = As[ty][k], a1 = As[ty + TS][k];
      float b0 = Bs[k][tx], b1 = Bs[k][tx + TS];
      c00 += a0 * b0;
      c01 += a0 * b1;
      c10 += a1 * b0;
      c11 += a1 * b1;
    }
    __syncthreads();
  }
  if (row0 < M && col0 < N) C[row0 * N + col0] = c00;
  if (row0 < M && col0 + TS < N) C[row0 * N + col0 + TS] = c01;
  if (row0 + TS < M && col0 < N) C[(row0 + TS) * N + col0] = c10;
  if (row0 + TS < M && col0 + TS < N) C[(row0 + TS) * N + col0 + TS] = c11;
}
