// expect: :4:19: error: surface objects (cudaSurfaceObject_t) are not supported: device memory is bound as plain storage buffers; write through a pointer instead
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(cudaSurfaceObject_t s, int w) {
  int x = threadIdx.x;
  surf2Dwrite(1.0f, s, x * 4, blockIdx.x);
}
