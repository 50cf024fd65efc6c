// expect: error: functions that differ only in their return type cannot be overloaded
// nvcc: rejects
__device__ int h(int x) { return x; }
__device__ float h(int x) { return (float)x; }
__global__ void k(float *a) { a[0] = h(1); }
