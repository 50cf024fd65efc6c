// expect: :6:19: error: printf argument 2 has type 'float' but '%d' expects an integer
// nvcc: accepts (undefined behaviour in C: the value is not converted)
#include <cstdio>

__global__ void k(float *a) {
  printf("%d\n", a[0]);
}
