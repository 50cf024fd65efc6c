// kernel: complex_ops — device functions taking and returning structs (complex numbers), nested calls in a loop
// args: f32[8002]:rand(65) f32[8002]:fill(-1) i32:4001 i32:6
// grid: 32  block: 128
// reference: z = (re, im) from in[2i], in[2i+1]; repeat iters (6) times: z = cmul(z, z) scaled by 1/(1+|z|^2) then + (0.1, -0.2); out[2i], out[2i+1] = z
// tol: 1e-5
struct Complex {
  float re;
  float im;
};

__device__ struct Complex cmake(float re, float im) {
  struct Complex c;
  c.re = re;
  c.im = im;
  return c;
}

__device__ struct Complex cmul(struct Complex a, struct Complex b) {
  return cmake(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
}

__device__ float cabs2(struct Complex a) { return a.re * a.re + a.im * a.im; }

__device__ struct Complex cstep(struct Complex z) {
  struct Complex sq = cmul(z, z);
  float s = 1.0f / (1.0f + cabs2(z));
  struct Complex r = {sq.re * s + 0.1f, sq.im * s - 0.2f};
  return r;
}

__device__ void cstore(float *dst, const struct Complex *z) {
  dst[0] = z->re;
  dst[1] = z->im;
}

__global__ void complex_ops(const float *in, float *out, int n, int iters) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    struct Complex z = cmake(in[2 * i], in[2 * i + 1]);
    for (int k = 0; k < iters; k++) z = cstep(z);
    cstore(out + 2 * i, &z);
  }
}
