// expect: error: exceptions are not supported in device code
// nvcc: rejects (exceptions in device code)
__global__ void k(float *a) { try { a[0] = 1.0f; } catch (...) { } }
