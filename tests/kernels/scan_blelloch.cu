// kernel: scan_blelloch — work-efficient (Blelloch) exclusive scan of 2*blockDim ints per block in shared memory, with bank-conflict-avoiding padding (GPU Gems 3, ch. 39)
// args: i32[5000]:rand(301) i32[5000]:fill(-7) i32:5000
// grid: 10  block: 256  shmem: 2176
// reference: for each block b and its 512-element segment starting at 512*b: out[i] = sum of in[j] for 512*b <= j < i (j < n); out[i] only for i < n
#define NUM_BANKS 32
#define LOG_NUM_BANKS 5
#define CONFLICT_FREE_OFFSET(n) ((n) >> LOG_NUM_BANKS)

__global__ void scan_blelloch(const int *g_idata, int *g_odata, int n) {
  extern __shared__ int temp[];
  int thid = threadIdx.x;
  int m = 2 * blockDim.x;
  int base = blockIdx.x * m;
  int ai = thid;
  int bi = thid + blockDim.x;
  int bankOffsetA = CONFLICT_FREE_OFFSET(ai);
  int bankOffsetB = CONFLICT_FREE_OFFSET(bi);
  temp[ai + bankOffsetA] = (base + ai < n) ? g_idata[base + ai] : 0;
  temp[bi + bankOffsetB] = (base + bi < n) ? g_idata[base + bi] : 0;

  int offset = 1;
  // up-sweep (reduce) phase
  for (int d = m >> 1; d > 0; d >>= 1) {
    __syncthreads();
    if (thid < d) {
      int a = offset * (2 * thid + 1) - 1;
      int b = offset * (2 * thid + 2) - 1;
      a += CONFLICT_FREE_OFFSET(a);
      b += CONFLICT_FREE_OFFSET(b);
      temp[b] += temp[a];
    }
    offset *= 2;
  }
  if (thid == 0) temp[m - 1 + CONFLICT_FREE_OFFSET(m - 1)] = 0;
  // down-sweep phase
  for (int d = 1; d < m; d *= 2) {
    offset >>= 1;
    __syncthreads();
    if (thid < d) {
      int a = offset * (2 * thid + 1) - 1;
      int b = offset * (2 * thid + 2) - 1;
      a += CONFLICT_FREE_OFFSET(a);
      b += CONFLICT_FREE_OFFSET(b);
      int t = temp[a];
      temp[a] = temp[b];
      temp[b] += t;
    }
  }
  __syncthreads();
  if (base + ai < n) g_odata[base + ai] = temp[ai + bankOffsetA];
  if (base + bi < n) g_odata[base + bi] = temp[bi + bankOffsetB];
}
