// expect: tmpl_member_ctor.cu:6:36: error: constructor templates are not supported; declare one constructor per argument type
// nvcc: accepts (valid CUDA we do not support)

struct Box {
  float v;
  template <typename T> __device__ Box(T x) : v((float)x) {}
};

__global__ void k(float *y) {
  Box b(3);
  y[threadIdx.x] = b.v;
}
