// kernel: scan_block — Hillis–Steele inclusive scan per block, double-buffered in shared memory
// args: i32[5000]:rand(36) i32[5000]:fill(-1) i32:5000
// grid: 20  block: 256
// reference: out[i] = sum of in[j] for j from 256*(i/256) to i (inclusive scan restarting at each block); i < n
__global__ void scan_block(const int *in, int *out, int n) {
  __shared__ int temp[2 * 256];
  int tid = threadIdx.x;
  int gid = blockIdx.x * blockDim.x + tid;
  int nb = blockDim.x;
  int pout = 0, pin = 1;
  temp[pout * nb + tid] = gid < n ? in[gid] : 0;
  __syncthreads();
  for (int offset = 1; offset < nb; offset *= 2) {
    pout = 1 - pout; // swap double buffer indices
    pin = 1 - pout;
    if (tid >= offset)
      temp[pout * nb + tid] = temp[pin * nb + tid] + temp[pin * nb + tid - offset];
    else
      temp[pout * nb + tid] = temp[pin * nb + tid];
    __syncthreads();
  }
  if (gid < n) out[gid] = temp[pout * nb + tid];
}
