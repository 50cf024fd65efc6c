// expect: :5:3: error: device-side free is not supported: WebGPU shaders cannot allocate memory; allocate with cudaMalloc on the host and pass the pointer
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, int n) {
  free(y);
}
