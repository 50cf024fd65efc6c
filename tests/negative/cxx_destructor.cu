// expect: error: destructors with a body are not supported in device code
// nvcc: accepts (valid CUDA we do not support)
struct S { float *p; __device__ ~S() { p[0] = 0.0f; } };
__global__ void k(float *a) { a[0] = 1.0f; }
