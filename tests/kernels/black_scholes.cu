// kernel: black_scholes — European call and put prices (CUDA samples BlackScholes: polynomial cumulative normal, expf/logf/sqrtf), inputs mapped from [-1, 1) to S in [5, 30], X in [1, 100], T in [0.25, 10]
// args: f32[20000]:rand(391) f32[20000]:rand(392) f32[20000]:rand(393) f32[20000]:fill(-1) f32[20000]:fill(-1) f32:0.02 f32:0.30 i32:20000
// grid: 79  block: 256
// reference: S = 17.5 + 12.5 r0, X = 50.5 + 49.5 r1, T = 5.125 + 4.875 r2; d1 = (log(S/X) + (R + V^2/2) T) / (V sqrt T), d2 = d1 - V sqrt T; call = S N(d1) - X e^{-RT} N(d2), put = X e^{-RT} (1 - N(d2)) - S (1 - N(d1)), N the normal CDF (the kernel's polynomial is accurate to about 1e-7)
// tol: 2e-4
#define A1 0.31938153f
#define A2 -0.356563782f
#define A3 1.781477937f
#define A4 -1.821255978f
#define A5 1.330274429f
#define RSQRT2PI 0.39894228040143267793994605993438f

__device__ inline float cndGPU(float d) {
  float K = 1.0f / (1.0f + 0.2316419f * fabsf(d));
  float cnd = RSQRT2PI * expf(-0.5f * d * d) * (K * (A1 + K * (A2 + K * (A3 + K * (A4 + K * A5)))));
  if (d > 0) cnd = 1.0f - cnd;
  return cnd;
}

__device__ inline void BlackScholesBodyGPU(float *CallResult, float *PutResult, float S, float X, float T, float R,
                                           float V) {
  float sqrtT = sqrtf(T);
  float d1 = (logf(S / X) + (R + 0.5f * V * V) * T) / (V * sqrtT);
  float d2 = d1 - V * sqrtT;
  float CNDD1 = cndGPU(d1);
  float CNDD2 = cndGPU(d2);
  float expRT = expf(-R * T);
  *CallResult = S * CNDD1 - X * expRT * CNDD2;
  *PutResult = X * expRT * (1.0f - CNDD2) - S * (1.0f - CNDD1);
}

__global__ void black_scholes(const float *r0, const float *r1, const float *r2, float *call, float *put, float R,
                              float V, int n) {
  for (int i = blockDim.x * blockIdx.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    float S = 17.5f + 12.5f * r0[i];
    float X = 50.5f + 49.5f * r1[i];
    float T = 5.125f + 4.875f * r2[i];
    float c, p;
    BlackScholesBodyGPU(&c, &p, S, X, T, R, V);
    call[i] = c;
    put[i] = p;
  }
}
