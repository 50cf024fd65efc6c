// expect: cxx_device_var_ctor.cu:10:25: error: a __device__ or __constant__ variable of class type 'Scaled' cannot be initialized by a constructor (dynamic initialization of device variables is not supported)
// nvcc: rejects

struct Scaled {
  int v;
  __device__ Scaled(int x) : v(x * 4) {}
};

/* the constructor would have to run before any kernel */
__device__ Scaled g_s = {3};

__global__ void k(int *o) { o[0] = g_s.v; }
