// expect: :7:40: error: dynamic parallelism (kernel launch from device code) is not supported: WebGPU shaders cannot dispatch work; launch the kernel from the host
// nvcc: accepts (valid CUDA with -rdc=true)
// why: the launch is in a __device__ helper, not in the __global__ function

__global__ void child(float *y) { y[threadIdx.x] = 1.0f; }

__device__ void spawn(float *y) { child<<<1, 32>>>(y); }

__global__ void parent(float *y) {
  if (threadIdx.x == 0) spawn(y);
}
