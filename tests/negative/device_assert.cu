// expect: :4:3: error: '__assert_fail' is not supported; use assert(cond) from <assert.h>
// nvcc: rejects (glibc's internal function is not a device function)
__global__ void k(int *a) {
  __assert_fail("a", "f", 1, "k");
}
