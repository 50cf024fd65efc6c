// kernel: cxx_vec3_particles — Vec3 class with constructors, member operators (+=, *), free operators (+, -, *), dot/len2 const methods, a particle step loop
// args: f32[3000]:rand(3) f32[3000]:rand(4) f32[1000]:fill(-1) i32:1000 i32:5
// grid: 4  block: 256
// reference: p = pos[i], v = vel[i] (3 floats each); repeat steps: a = -p * 0.1f; v += a * 0.5f; p = p + v * 0.5f; out[i] = p.x*p.x+p.y*p.y+p.z*p.z + (v.x*p.x+v.y*p.y+v.z*p.z)
// tol: 1e-5
struct Vec3 {
  float x, y, z;
  __device__ Vec3() : x(0.0f), y(0.0f), z(0.0f) {}
  __device__ Vec3(float a, float b, float c) : x(a), y(b), z(c) {}
  __device__ float dot(const Vec3 &o) const { return x * o.x + y * o.y + z * o.z; }
  __device__ float len2() const { return dot(*this); }
  __device__ Vec3 &operator+=(const Vec3 &o) {
    x += o.x; y += o.y; z += o.z;
    return *this;
  }
  __device__ Vec3 operator*(float s) const { return Vec3(x * s, y * s, z * s); }
};

__device__ inline Vec3 operator+(const Vec3 &a, const Vec3 &b) { return Vec3(a.x + b.x, a.y + b.y, a.z + b.z); }
__device__ inline Vec3 operator-(const Vec3 &a) { return Vec3(-a.x, -a.y, -a.z); }

__device__ Vec3 load3(const float *p, int i) { return Vec3(p[3 * i], p[3 * i + 1], p[3 * i + 2]); }

__global__ void cxx_vec3_particles(const float *pos, const float *vel, float *out, int n, int steps) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Vec3 p = load3(pos, i);
  Vec3 v = load3(vel, i);
  const float dt = 0.5f;
  for (int s = 0; s < steps; s++) {
    Vec3 a = -p * 0.1f;
    v += a * dt;
    p = p + v * dt;
  }
  out[i] = p.len2() + v.dot(p);
}
