// kernel: particles_update — array of 7-field structs (5 float + 2 int) updated in place, bounce off walls
// args: f32[7007]:rand(64) i32:1001 f32:0.05 f32:-0.98
// grid: 8  block: 128
// reference: per particle p (7 words: x, y, vx, vy, mass, flags, hits; flags/hits are the raw bits of the initial words): if (flags & 1) { vy += g*dt; x += vx*dt; y += vy*dt; b = 0; if (x < -1) {x = -1; vx = -vx; b++} if (x > 1) {x = 1; vx = -vx; b++} if (y < -1) {y = -1; vy = -0.5f*vy; b++} if (y > 1) {y = 1; vy = -vy; b++} hits = (hits & 0xff) + b; mass *= 0.999f } else hits = -1
typedef struct Particle {
  float x, y;
  float vx, vy;
  float mass;
  int flags;
  int hits;
} Particle;

__global__ void particles_update(Particle *ps, int n, float dt, float g) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Particle p = ps[i];
  if ((p.flags & 1) == 0) {
    ps[i].hits = -1;
    return;
  }
  p.vy += g * dt;
  p.x += p.vx * dt;
  p.y += p.vy * dt;
  int bounces = 0;
  if (p.x < -1.0f) { p.x = -1.0f; p.vx = -p.vx; bounces++; }
  if (p.x > 1.0f) { p.x = 1.0f; p.vx = -p.vx; bounces++; }
  if (p.y < -1.0f) { p.y = -1.0f; p.vy = -0.5f * p.vy; bounces++; }
  if (p.y > 1.0f) { p.y = 1.0f; p.vy = -p.vy; bounces++; }
  p.hits = (p.hits & 0xff) + bounces;
  p.mass *= 0.999f;
  ps[i] = p;
}
