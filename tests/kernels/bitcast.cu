// kernel: bitcast — __float_as_int/__int_as_float/__float_as_uint/__uint_as_float: extract exponent, flip sign, build floats from bits
// args: f32[4000]:rand(88) i32[4000]:fill(-1) f32[4000]:fill(-1) f32[4000]:fill(-1) i32:4000
// grid: 16  block: 256
// reference: b = bits of x[i]; ex[i] = ((b >> 23) & 255) - 127; neg[i] = float with bits b ^ 0x80000000 (= -x); mant[i] = float with bits (b & 0x007fffff) | 0x3f800000 (in [1,2))
__global__ void bitcast(const float *x, int *ex, float *neg, float *mant, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int b = __float_as_int(x[i]);
    ex[i] = ((b >> 23) & 255) - 127;
    unsigned int ub = __float_as_uint(x[i]);
    neg[i] = __uint_as_float(ub ^ 0x80000000u);
    mant[i] = __int_as_float((b & 0x007fffff) | 0x3f800000);
  }
}
