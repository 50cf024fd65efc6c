// kernel: matvec — y = A*x, one thread per row, plus transposed product with one thread per column
// args: f32[62500]:rand(46) f32[250]:rand(47) f32[250]:fill(-1) f32[250]:fill(-1) i32:250 i32:250
// grid: 2  block: 128
// reference: y[r] = sum_c A[r*cols + c]*x[c]; yt[c] = sum_r A[r*cols + c]*x[r] (rows = cols = 250)
// tol: 1e-4
__global__ void matvec(const float *A, const float *x, float *y, float *yt, int rows, int cols) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t < rows) {
    const float *arow = A + t * cols;
    float s = 0.0f;
    for (int c = 0; c < cols; c++) s += arow[c] * x[c];
    y[t] = s;
  }
  if (t < cols) {
    float s = 0.0f;
    for (int r = 0; r < rows; r++) s += A[r * cols + t] * x[r];
    yt[t] = s;
  }
}
