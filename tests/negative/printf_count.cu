// expect: error: device printf has more arguments than its format has conversions
// nvcc: accepts (extra arguments are ignored)
#include <cstdio>

__global__ void k(int *a) {
  printf("%d\n", a[0], a[1]);
}
