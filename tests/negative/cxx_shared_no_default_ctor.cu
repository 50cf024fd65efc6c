// expect: cxx_shared_no_default_ctor.cu:10:20: error: __shared__ variable 'p' of class type 'Point' needs a default constructor (no constructor of 'Point' takes no arguments)
// nvcc: rejects (invalid CUDA)

struct Point {
  float x, y;
  __device__ Point(float a, float b) : x(a), y(b) {}
};

__global__ void k(float *o) {
  __shared__ Point p;
  if (threadIdx.x == 0) p = Point(1.0f, 2.0f);
  __syncthreads();
  o[threadIdx.x] = p.x;
}
