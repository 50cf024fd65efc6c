// expect: :6:14: error: operator new is not supported in device code: WebGPU shaders cannot allocate memory
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float *t = new float[4];
  t[0] = 1.0f;
  if (i < n) y[i] = t[0];
  delete[] t;
}
