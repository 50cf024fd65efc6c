// expect: error: template instantiation depth exceeds 64 while instantiating 'power<
// expect: note: in instantiation of 'power<100>' requested here
template <int N>
__device__ float power(float x) { return x * power<N - 1>(x); }

__global__ void k(float *out) {
  out[0] = power<100>(out[0]);
}
