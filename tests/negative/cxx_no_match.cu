// expect: error: no matching function for call to 'g(float *)'; candidate: 'int g(int)'; candidate: 'int g(int, int)'
// nvcc: rejects (no matching function)
__device__ int g(int x) { return x; }
__device__ int g(int x, int y) { return x + y; }
__global__ void k(float *a) { a[0] = g(a); }
