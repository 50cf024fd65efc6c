// expect: error: overloaded __global__ function 'k' is not supported (kernels are looked up by name)
// nvcc: accepts (valid CUDA we do not support)
__global__ void k(float *a) { a[0] = 1.0f; }
__global__ void k(int *a) { a[0] = 1; }
