// kernel: local_matmul3 — multi-dimensional local arrays with brace initialisers, 3x3 matrix products per thread
// args: f32[9000]:rand(106) f32[9000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: M = in[9i..9i+8] row-major 3x3; R = {{1,2,0},{0,1,-1},{2,0,1}}; out[9i + 3r + c] = (M*R)[r][c] + (r == c ? 1 : 0)
// tol: 1e-5
__global__ void local_matmul3(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float R[3][3] = {{1.0f, 2.0f, 0.0f}, {0.0f, 1.0f, -1.0f}, {2.0f, 0.0f, 1.0f}};
    float M[3][3];
    float P[3][3] = {{0}};
    for (int r = 0; r < 3; r++)
      for (int c = 0; c < 3; c++) M[r][c] = in[9 * i + 3 * r + c];
    for (int r = 0; r < 3; r++)
      for (int c = 0; c < 3; c++) {
        for (int k = 0; k < 3; k++) P[r][c] += M[r][k] * R[k][c];
        if (r == c) P[r][c] += 1.0f;
      }
    for (int r = 0; r < 3; r++)
      for (int c = 0; c < 3; c++) out[9 * i + 3 * r + c] = P[r][c];
  }
}
