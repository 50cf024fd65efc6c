// expect: :4:1: error: templates are not supported yet
// nvcc: accepts (valid CUDA we do not support)

template <typename T>
__global__ void k(T *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = y[i] * 2;
}

template __global__ void k<float>(float *, int);
