// expect: error: a __global__ function parameter cannot be a reference
// nvcc: accepts (valid CUDA we do not support)
__global__ void k(float *a, const int &n) { a[0] = (float)n; }
