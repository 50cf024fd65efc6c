// kernel: reverse_pairs — pointer arithmetic and comparison: two pointers walking towards each other in a row, pointer difference, pointers passed to device functions
// args: i32[6400]:iota i32[6400]:fill(-1) i32:100 i32:64
// grid: 1  block: 128
// reference: for each row r < rows (100) of len (64) ints: out row = in row reversed, then out[r*len + 0] += (number of swaps = 32) and out[r*len + len-1] += (pointer difference end - begin = 64)
__device__ void swap_ints(int *a, int *b) {
  int t = *a;
  *a = *b;
  *b = t;
}

__global__ void reverse_pairs(const int *in, int *out, int rows, int len) {
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r < rows) {
    const int *src = in + r * len;
    int *row = out + r * len;
    for (const int *p = src; p != src + len; ++p) row[p - src] = *p;
    int *lo = row, *hi = row + len - 1;
    int swaps = 0;
    while (lo < hi) {
      swap_ints(lo++, hi--);
      swaps++;
    }
    int *end = row + len;
    row[0] += swaps;
    *(end - 1) += (int)(end - row);
  }
}
