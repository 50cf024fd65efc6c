// expect: :8:21: error: host variable 'host_table' cannot be used in device code
// nvcc: rejects (invalid CUDA)

float host_table[4] = {1.0f, 2.0f, 3.0f, 4.0f};

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = host_table[i % 4];
}
