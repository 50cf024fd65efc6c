// kernel: cxx_namespaces — nested and reopened namespaces, qualified calls (A::B::f, ::f), using-directive, using-declaration, namespace alias, a type alias and an anonymous namespace
// args: i32[1000]:rand(8) i32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: v = in[i]; out[i] = (v*3 + 1) + (v - 2) + (v*v % 97) + 5 + 10
namespace util {
namespace detail {
__device__ int triple(int v) { return v * 3; }
}
__device__ int next(int v) { return detail::triple(v) + 1; }
}
namespace util {
__device__ int minus2(int v) { return v - 2; }
using index_t = int;
}
namespace {
__device__ int modsq(int v) { return (v * v) % 97; }
}
__device__ int five() { return 5; }
namespace math {
__device__ int five() { return 10; } /* same name in another namespace */
}
namespace U = util;
using namespace math;

__global__ void cxx_namespaces(const int *in, int *out, int n) {
  U::index_t i = blockIdx.x * blockDim.x + threadIdx.x;
  using util::minus2;
  if (i < n) {
    int v = in[i];
    out[i] = util::next(v) + minus2(v) + modsq(v) + ::five() + math::five();
  }
}
