// expect: error: rvalue references ('&&') are not supported; use a value or 'const T&'
// nvcc: accepts (valid CUDA we do not support)
__device__ float f(float &&x) { return x; }
__global__ void k(float *a) { a[0] = f(1.0f); }
