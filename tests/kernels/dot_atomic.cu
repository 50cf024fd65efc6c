// kernel: dot — dot product: per-thread partial sums, shared-memory reduction, atomicAdd(float) of block sums
// args: f32[200003]:rand(34) f32[200003]:rand(35) f32[1]:zero i32:200003
// grid: 64  block: 256
// reference: result[0] = sum_i a[i]*b[i] (float atomics: any summation order)
// tol: 1e-3
__global__ void dot(const float *a, const float *b, float *result, int n) {
  __shared__ float cache[256];
  int tid = threadIdx.x;
  float temp = 0.0f;
  int i = threadIdx.x + blockIdx.x * blockDim.x;
  while (i < n) {
    temp += a[i] * b[i];
    i += blockDim.x * gridDim.x;
  }
  cache[tid] = temp;
  __syncthreads();
  int s = blockDim.x / 2;
  while (s != 0) {
    if (tid < s) cache[tid] += cache[tid + s];
    __syncthreads();
    s /= 2;
  }
  if (tid == 0) atomicAdd(result, cache[0]);
}
