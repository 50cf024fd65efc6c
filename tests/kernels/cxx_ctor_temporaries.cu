// kernel: cxx_ctor_temporaries — constructor forms: T v(args), T v{args}, T v = T(args), a converting constructor from float, temporaries T(args) in expressions and as arguments
// args: f32[1000]:rand(19) f32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: x = in[i]; a = (x, 1); b = (2, x); c = (x, x); d = (0.5, 0.5); sum = a+b+c+d+(1,2); out[i] = sum.u * 2 + sum.v
struct Vec2 {
  float u, v;
  __device__ Vec2(float a, float b) : u(a), v(b) {}
  __device__ Vec2(float s) : u(s), v(s) {}
  __device__ Vec2 operator+(Vec2 o) const { return Vec2(u + o.u, v + o.v); }
};
__device__ float weigh(const Vec2 &p) { return p.u * 2.0f + p.v; }

__global__ void cxx_ctor_temporaries(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float x = in[i];
    Vec2 a(x, 1.0f);
    Vec2 b{2.0f, x};
    Vec2 c = Vec2(x);
    Vec2 d = 0.5f;
    out[i] = weigh(a + b + c + d + Vec2(1.0f, 2.0f));
  }
}
