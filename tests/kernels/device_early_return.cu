// kernel: find_first — device function that returns early from inside a loop (linear search per row)
// args: i32[20000]:rand(66) i32[400]:fill(-7) i32:400 i32:50 i32:900
// grid: 4  block: 128
// reference: pos[r] = smallest c < cols (50) with data[r*cols + c] > thr (900), else -1; r < rows (400)
__device__ int first_above(const int *row, int len, int thr) {
  for (int c = 0; c < len; c++) {
    if (row[c] > thr) return c;
  }
  return -1;
}

__global__ void find_first(const int *data, int *pos, int rows, int cols, int thr) {
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r < rows) pos[r] = first_above(data + r * cols, cols, thr);
}
