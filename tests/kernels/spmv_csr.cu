// kernel: spmv_csr_scalar — sparse matrix-vector product y = A*x in CSR, one thread per row (Bell & Garland "CSR scalar")
// args: i32[2001]:iota(7) i32[14000]:rand(381) f32[14000]:rand(382) f32[3001]:rand(383) f32[2000]:fill(-1) i32:2000 i32:3001
// grid: 8  block: 256
// reference: y[r] = sum over j = rowptr[r] .. rowptr[r+1]-1 (ascending) of val[j] * x[c], c = col[j] mod ncols taken non-negative ((col % ncols + ncols) % ncols), r < nrows
// tol: 1e-5
// kernel: spmv_csr_vector — the same product with one block of 64 threads per row, each thread striding over the row, partial sums combined by a shared-memory tree reduction (no warp intrinsics)
// args: i32[301]:iota(40) i32[12000]:rand(384) f32[12000]:rand(385) f32[1000]:rand(386) f32[300]:fill(-1) i32:300 i32:1000
// grid: 300  block: 64
// reference: y[r] = sum of val[j] * x[(col[j] % ncols + ncols) % ncols] over the row's entries (tree order), r < nrows
// tol: 1e-4
// The column indices come from the random generator, so both kernels fold them into range
// (the matrices are random sparse matrices with 7 and 40 entries per row).

__device__ inline int fold_col(int c, int ncols) { return (c % ncols + ncols) % ncols; }

__global__ void spmv_csr_scalar(const int *rowptr, const int *col, const float *val, const float *x, float *y,
                                int nrows, int ncols) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  if (row < nrows) {
    float dot = 0.0f;
    int start = rowptr[row];
    int end = rowptr[row + 1];
    for (int j = start; j < end; j++) dot += val[j] * x[fold_col(col[j], ncols)];
    y[row] = dot;
  }
}

#define VEC_THREADS 64

__global__ void spmv_csr_vector(const int *rowptr, const int *col, const float *val, const float *x, float *y,
                                int nrows, int ncols) {
  __shared__ float partial[VEC_THREADS];
  int row = blockIdx.x;
  int t = threadIdx.x;
  float sum = 0.0f;
  if (row < nrows)
    for (int j = rowptr[row] + t; j < rowptr[row + 1]; j += VEC_THREADS) sum += val[j] * x[fold_col(col[j], ncols)];
  partial[t] = sum;
  __syncthreads();
  for (int s = VEC_THREADS / 2; s > 0; s >>= 1) {
    if (t < s) partial[t] += partial[t + s];
    __syncthreads();
  }
  if (t == 0 && row < nrows) y[row] = partial[0];
}
