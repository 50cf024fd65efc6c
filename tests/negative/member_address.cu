// expect: error: taking the address of a struct member is not supported
// nvcc: accepts (valid CUDA we do not support)

struct P { float x, y; };

__device__ void bump(float *v) { *v += 1.0f; }

__global__ void k(struct P *ps, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) bump(&ps[i].y);
}
