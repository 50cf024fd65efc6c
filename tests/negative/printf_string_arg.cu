// expect: :6:21: error: '%s' in device printf needs a string literal argument
// nvcc: accepts (valid CUDA we do not support: strings are not data on the device here)
#include <cstdio>

__global__ void k(const char *name, int *a) {
  printf("%s %d\n", name, a[0]);
}
