// expect: cxx_copy_explicit.cu:13:5: error: 'E' has an explicit copy constructor: not supported (C++ uses it in direct initialisation only); remove 'explicit'
// nvcc: rejects (class "E" has no suitable copy constructor)

struct E {
  float x;
  __device__ E(float a) : x(a) {}
  __device__ explicit E(const E &o) : x(o.x + 1.0f) {}
};

__global__ void k(const float *x, float *y) {
  int i = threadIdx.x;
  E a(x[i]);
  E b = a;
  y[i] = b.x;
}
