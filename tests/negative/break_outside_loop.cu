// expect: :7:5: error: 'break' statement not in loop or switch
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) {
    break;
  }
  y[i] = 0.0f;
}
