// kernel: print_device_counter — slots reserved with atomicAdd on a __device__ unsigned counter (multiples of 3 are compacted); each thread also records its slot in a __device__ array and reads it back
// args: i32[5000]:iota i32[5000]:fill(-1) i32:5000
// grid: 20  block: 256
// reference: out holds exactly the i < n with i % 3 == 0, in any order (compare as a multiset), then -1 (poison) elsewhere
__device__ unsigned int d_next = 0;
__device__ int d_slot_of[5000];

__global__ void print_device_counter(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  if (in[i] % 3 == 0) {
    unsigned s = atomicAdd(&d_next, 1u);
    d_slot_of[i] = (int)s;
    out[d_slot_of[i]] = in[i];
  }
}
