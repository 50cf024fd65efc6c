// kernel: vec3_block_sum — a vec3<T> class template with a defaulted default constructor and constructors written with the injected-class-name (explicit vec3(T), vec3<T>(T, T, T)), operators returning vec3 temporaries, a cross product, and a __shared__ array of it (trivial default constructor, as CUDA requires) reduced per block by a tree
// args: f32[1000]:rand(81) f32[1000]:rand(82) f32[1000]:rand(83) f32[24]:fill(-7) i32:1000
// grid: 8  block: 128
// reference: per element i < n with p = (x[i], y[i], z[i]) and a = (1, 2, 3) in float: v = cross(p, a) + p * 0.5 + splat(0.25), where cross(p, a) = (p.y*3 - p.z*2, p.z*1 - p.x*3, p.x*2 - p.y*1) and splat(s) = (s, s, s); threads i >= n contribute (0, 0, 0). Per block b, s[t] for t = 0..127 holds thread t's vector; for stride = 64, 32, ..., 1: s[t] += s[t + stride] for t < stride (componentwise, float); out[3b + c] = component c of s[0]
// tol: 1e-5

template <class T> struct vec3 {
  T x, y, z;
  vec3() = default; // trivial: a __shared__ array of it needs no initialisation
  __device__ explicit vec3(T s) : x(s), y(s), z(s) {}
  __device__ vec3<T>(T a, T b, T c) : x(a), y(b), z(c) {}
  __device__ vec3 operator+(const vec3 &o) const { return vec3(x + o.x, y + o.y, z + o.z); }
  __device__ vec3<T> operator*(T s) const { return vec3<T>(x * s, y * s, z * s); }
  __device__ vec3 &operator+=(const vec3<T> &o) {
    x += o.x;
    y += o.y;
    z += o.z;
    return *this;
  }
  __device__ vec3 cross(const vec3 &o) const { return vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x); }
  __device__ static vec3 zero() { return vec3(T(0)); }
};

__global__ void vec3_block_sum(const float *x, const float *y, const float *z, float *out, int n) {
  __shared__ vec3<float> s[128];
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  vec3<float> v = vec3<float>::zero();
  if (i < n) {
    vec3<float> p(x[i], y[i], z[i]);
    vec3<float> a{1.0f, 2.0f, 3.0f};
    v = p.cross(a) + p * 0.5f;
    v += vec3<float>(0.25f);
  }
  s[t] = v;
  __syncthreads();
  for (int stride = 64; stride > 0; stride >>= 1) {
    if (t < stride) s[t] += s[t + stride];
    __syncthreads();
  }
  if (t == 0) {
    out[3 * blockIdx.x + 0] = s[0].x;
    out[3 * blockIdx.x + 1] = s[0].y;
    out[3 * blockIdx.x + 2] = s[0].z;
  }
}
