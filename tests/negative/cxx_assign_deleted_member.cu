// expect: cxx_assign_deleted_member.cu:17:5: error: 'Slot' cannot be assigned: its member 'h' of type 'Handle' cannot be assigned
// nvcc: rejects

struct Handle {
  int id;
  __device__ Handle(int i) : id(i) {}
  Handle &operator=(const Handle &) = delete;
};

struct Slot {
  Handle h;
  int n;
};

__global__ void k(int *o) {
  Slot a = {Handle(1), 2}, b = {Handle(3), 4};
  a = b;
  o[0] = a.n;
}
