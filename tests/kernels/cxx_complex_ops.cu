// kernel: cxx_complex_ops — a complex-number class with operator*, operator+, operator+= and a const abs2 method, aggregate init and braced return
// args: f32[2000]:rand(5) f32[1000]:fill(-1) i32:1000 i32:6
// grid: 4  block: 256
// reference: z = (in[2i], in[2i+1]), c = (0.1, -0.2); repeat iters: z = z*z*(1/(1+|z|^2)) + c (scale both parts); out[i] = z.re + 2*z.im
// tol: 1e-5
struct Complex {
  float re, im;
  __device__ Complex operator*(const Complex &o) const { return {re * o.re - im * o.im, re * o.im + im * o.re}; }
  __device__ Complex operator*(float s) const { return {re * s, im * s}; }
  __device__ Complex operator+(const Complex &o) const { return {re + o.re, im + o.im}; }
  __device__ float abs2() const { return re * re + im * im; }
};

__global__ void cxx_complex_ops(const float *in, float *out, int n, int iters) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    Complex z{in[2 * i], in[2 * i + 1]};
    const Complex c = {0.1f, -0.2f};
    for (int k = 0; k < iters; k++) {
      float s = 1.0f / (1.0f + z.abs2());
      z = (z * z) * s + c;
    }
    out[i] = z.re + 2.0f * z.im;
  }
}
