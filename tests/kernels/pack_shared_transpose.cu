// kernel: byte_transpose — transpose of a rows x cols byte matrix through a __shared__ unsigned char tile[16][16] (byte stores into shared words from neighbouring threads)
// args: u8[7000]:rand(612) u8[7000]:fill(1) i32:70 i32:100
// grid: 7,5  block: 16,16
// reference: for r < rows, c < cols: out[c * rows + r] = in[r * cols + c]
#define TILE 16
__global__ void byte_transpose(const unsigned char *in, unsigned char *out, int rows, int cols) {
  __shared__ unsigned char tile[TILE][TILE];
  int c = blockIdx.x * TILE + threadIdx.x;
  int r = blockIdx.y * TILE + threadIdx.y;
  if (r < rows && c < cols) tile[threadIdx.y][threadIdx.x] = in[r * cols + c];
  __syncthreads();
  int oc = blockIdx.y * TILE + threadIdx.x; /* column of out = row of in */
  int orow = blockIdx.x * TILE + threadIdx.y;
  if (orow < cols && oc < rows) out[orow * rows + oc] = tile[threadIdx.x][threadIdx.y];
}
