// kernel: matrix_add — C = A + B on a 2-D grid using blockIdx.y for rows, row pitch given separately
// args: f32[40000]:rand(23) f32[40000]:rand(24) f32[40000]:fill(9) i32:190 i32:199 i32:200
// grid: 13,12  block: 16,16
// reference: for r < rows (190), c < cols (199): C[r*pitch + c] = A[r*pitch + c] + B[r*pitch + c]; other elements of C stay 9
__global__ void matrix_add(const float *A, const float *B, float *C, int rows, int cols, int pitch) {
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  if (row < rows && col < cols) {
    int idx = row * pitch + col;
    C[idx] = A[idx] + B[idx];
  }
}
