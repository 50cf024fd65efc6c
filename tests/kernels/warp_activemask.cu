// kernel: warp_activemask — __activemask() and __ballot_sync(__activemask(), ...) inside divergent branches
// args: i32[256]:rand(15) i32[256]:zero i32[256]:zero
// grid: 2  block: 128
// reference: for i in 32-group G: odd = {j in G: in[j] odd}; if in[i] odd: cnt[i] = |odd|, big[i] = |{j in odd: in[j] > 0}| else cnt[i] = -|G \ odd|, big[i] = mask bits of lanes j in G \ odd with in[j] > 0 (as int)

__global__ void warp_activemask(const int *in, int *cnt, int *big) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = in[i];
  if (v & 1) {
    unsigned m = __activemask();
    cnt[i] = __popc(m);
    big[i] = __popc(__ballot_sync(m, v > 0));
  } else {
    unsigned m = __activemask();
    cnt[i] = -__popc(m);
    big[i] = (int)__ballot_sync(m, v > 0);
  }
}
