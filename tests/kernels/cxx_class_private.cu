// kernel: cxx_class_private — a class keyword type with private state and public accessors, const-correct getters, a setter chain and a member function calling another member implicitly
// args: i32[1000]:rand(23) i32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: c = Counter(k): count=k, step=3; bump() twice -> count += 6; out[i] = count * 2 + step
class Counter {
  int count;
  int step;

public:
  __device__ Counter(int start) : count(start), step(3) {}
  __device__ void bump() { count += step; }
  __device__ void bump_twice() {
    bump();
    this->bump();
  }
  __device__ int get() const { return count; }
  __device__ int get_step() const { return step; }
};

__global__ void cxx_class_private(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    Counter c(in[i]);
    c.bump_twice();
    out[i] = c.get() * 2 + c.get_step();
  }
}
