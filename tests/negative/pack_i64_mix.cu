// expect: :8:35: error: buffer 'ev' mixes 'long long' with 8/16-bit members; the wgsl target does not support 64-bit values in such memory
// nvcc: accepts (valid CUDA we do not support)
struct Event {
  long long time;
  unsigned char kind;
};

__global__ void tag_events(Event *ev, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) ev[i].kind = 1;
}
