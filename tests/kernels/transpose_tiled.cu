// kernel: transpose_tiled — shared-memory tiled transpose with a padded tile[32][33] (CUDA samples style, 32x8 threads)
// args: f32[64113]:rand(22) f32[64113]:fill(-1) i32:301 i32:213
// grid: 7,10  block: 32,8
// reference: out[c*rows + r] = in[r*cols + c] for r < rows (301), c < cols (213)
#define TILE_DIM 32
#define BLOCK_ROWS 8

__global__ void transpose_tiled(const float *in, float *out, int rows, int cols) {
  __shared__ float tile[TILE_DIM][TILE_DIM + 1];
  int x = blockIdx.x * TILE_DIM + threadIdx.x;
  int y = blockIdx.y * TILE_DIM + threadIdx.y;
  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS)
    if (x < cols && y + j < rows)
      tile[threadIdx.y + j][threadIdx.x] = in[(y + j) * cols + x];
  __syncthreads();
  x = blockIdx.y * TILE_DIM + threadIdx.x; // transposed block offset
  y = blockIdx.x * TILE_DIM + threadIdx.y;
  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS)
    if (x < rows && y + j < cols)
      out[(y + j) * rows + x] = tile[threadIdx.x][threadIdx.y + j];
}
