// expect: error: no matching function for call to 'inc(float)'; candidate: 'void inc(float &)'
// nvcc: rejects (non-const reference to a temporary)
__device__ void inc(float &x) { x += 1.0f; }
__global__ void k(float *a) { inc(a[0] * 2.0f); }
