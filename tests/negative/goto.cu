// expect: :7:15: error: goto is not supported
// target: c
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) goto done;
  y[i] = 1.0f;
done:
  ;
}
