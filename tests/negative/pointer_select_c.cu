// expect: a pointer must always refer to the same buffer
// target: c
// nvcc: accepts (valid CUDA we do not support)
// why: common CUDA idiom; every pointer must map to one buffer (+ offset), on the C target too

__global__ void pointer_select(const float *a, const float *b, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    const float *p = (i & 1) ? b : a;
    const float *q = a[i] > b[i] ? a : b;
    out[i] = p[i] + q[0];
  }
}
