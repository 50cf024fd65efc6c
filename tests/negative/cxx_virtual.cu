// expect: error: virtual functions are not supported in device code
// nvcc: accepts (valid CUDA we do not support)
struct S { float v; __device__ virtual float f() const { return v; } };
__global__ void k(float *a) { S s{1.0f}; a[0] = s.f(); }
