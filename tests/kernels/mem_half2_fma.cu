#include <cuda_fp16.h>
// kernel: half2_fma — __half2 arithmetic: a chain of four __hfma2, scalar __hfma, __hsub2 __hmul2 __hadd2, the __half2 operators + * += *=; operands are multiples of 1/64 so every a*b+c is exact in float and the exact f32 code and a native f16 fma must both round it once, as CUDA
// args: i32[8000]:rand(91) i32[8000]:rand(92) u16[15000]:fill(65535) i32:1000
// grid: 4  block: 256
// reference: A_k = (x[8i+2k]/64, x[8i+2k+1]/64), B_k likewise from y (k = 0..3, exact halves); every operation rounds its exact result once to the nearest half (ties to even): acc = (0.5, -0.25), acc = fma(A_k, B_k, acc) for k = 0..3; h = fma(A_0.x, B_1.y, acc.y); S = A_0 + B_0; D = A_1 - B_1; P = A_2 * B_2; Q = A_3 * B_3; R = (S + D) * A_1; o[15i..] = acc.x acc.y h S.x S.y D.x D.y P.x P.y Q.x Q.y R.x R.y (P+Q).x (P+Q).y
__global__ void half2_fma(const int *x, const int *y, __half *o, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  __half2 A[4], B[4];
  for (int k = 0; k < 4; k++) {
    A[k] = __floats2half2_rn(x[8 * i + 2 * k] / 64.0f, x[8 * i + 2 * k + 1] / 64.0f);
    B[k] = __floats2half2_rn(y[8 * i + 2 * k] / 64.0f, y[8 * i + 2 * k + 1] / 64.0f);
  }
  __half2 acc = __floats2half2_rn(0.5f, -0.25f);
  for (int k = 0; k < 4; k++) acc = __hfma2(A[k], B[k], acc);
  __half h = __hfma(__low2half(A[0]), __high2half(B[1]), __high2half(acc));
  __half2 S = A[0] + B[0];
  __half2 D = __hsub2(A[1], B[1]);
  __half2 P = __hmul2(A[2], B[2]);
  __half2 Q = A[3] * B[3];
  __half2 R = S;
  R += D;
  R *= A[1];
  __half2 PQ = __hadd2(P, Q);
  __half r[15] = {acc.x, acc.y, h, S.x, S.y, D.x, D.y, P.x, P.y, Q.x, Q.y, R.x, R.y, PQ.x, PQ.y};
  for (int k = 0; k < 15; k++) o[15 * i + k] = r[k];
}
