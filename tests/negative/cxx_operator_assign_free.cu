// expect: cxx_operator_assign_free.cu:9:15: error: 'operator=' must be a non-static member function
// nvcc: rejects

struct V {
  float x;
};

/* C++ allows operator= only as a member */
__device__ V &operator=(V &a, float f) {
  a.x = f;
  return a;
}

__global__ void k(float *o) {
  V v;
  v = 2.0f;
  o[0] = v.x;
}
