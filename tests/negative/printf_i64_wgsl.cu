// expect: error: 64-bit integer arithmetic ('long long') is not supported by the wgsl target
// nvcc: accepts (refused on wgsl until 64-bit integers are emulated there)
#include <cstdio>

__global__ void k(int *a) {
  printf("%lld\n", (long long)a[0]);
}
