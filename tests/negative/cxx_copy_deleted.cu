// expect: cxx_copy_deleted.cu:14:14: error: 'Handle' cannot be copied: its copy constructor is deleted
// nvcc: rejects

struct Handle {
  int id;
  __device__ explicit Handle(int i) : id(i) {}
  Handle(const Handle &) = delete;
};

__device__ int use(Handle h) { return h.id; }

__global__ void k(int *o) {
  Handle h(3);
  o[0] = use(h);
}
