// kernel: unrolled_fir — #pragma unroll (full and with a count) over fixed-trip loops, local accumulator array
// args: f32[16400]:rand(103) f32[16384]:fill(-1) i32:16384
// grid: 64  block: 256
// reference: out[i] = sum_{k<8} (k+1)*in[i+k] * 0.125f  +  sum_{k<16, k odd} in[i+k]*0.01f  (in has n+16 elements)
// tol: 1e-5
__global__ void unrolled_fir(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float acc[2] = {0.0f, 0.0f};
#pragma unroll
    for (int k = 0; k < 8; k++) acc[0] += (float)(k + 1) * in[i + k] * 0.125f;
#pragma unroll 4
    for (int k = 1; k < 16; k += 2) acc[1] += in[i + k] * 0.01f;
    out[i] = acc[0] + acc[1];
  }
}
