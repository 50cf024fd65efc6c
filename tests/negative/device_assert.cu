// expect: :3:29: error: device-side assert is not supported yet
#include <assert.h>
__global__ void k(int *a) { assert(a[0] == 1); }
