// kernel: sgemm_naive — C = alpha*A*B + beta*C, one thread per output element, row-major
// args: i32:100 i32:70 i32:45 f32:1.5 f32[4500]:rand(41) f32[3150]:rand(42) f32:-0.5 f32[7000]:rand(43)
// grid: 5,7  block: 16,16
// reference: C[r*N + c] = alpha * sum_k A[r*K + k]*B[k*N + c] + beta*C[r*N + c] for r < M (100), c < N (70), K = 45
// tol: 1e-4
__global__ void sgemm_naive(int M, int N, int K, float alpha, const float *A, const float *B,
                            float beta, float *C) {
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (row < M && col < N) {
    float acc = 0.0f;
    for (int k = 0; k < K; ++k)
      acc += A[row * K + k] * B[k * N + col];
    C[row * N + col] = alpha * acc + beta * C[row * N + col];
  }
}
