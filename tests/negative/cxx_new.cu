// expect: error: operator new is not supported in device code
// nvcc: accepts (valid CUDA we do not support)
__global__ void k(float *a) { float *p = new float[4]; p[0] = 1.0f; a[0] = p[0]; }
