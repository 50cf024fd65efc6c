// expect: error: call to 'f(int)' is ambiguous; candidate: 'float f(float)'; candidate: 'float f(double)'
// nvcc: rejects (ambiguous call)
__device__ float f(float x) { return x; }
__device__ float f(double x) { return (float)x; }
__global__ void k(float *a, int i) { a[0] = f(i); }
