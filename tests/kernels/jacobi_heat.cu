// kernel: heat_step — one explicit step of the 2-D heat equation (Jacobi 5-point) with 16x16 shared tiles plus a one-cell halo; boundary cells keep their value
// args: f32[45600]:rand(371) f32[45600]:fill(-1) i32:240 i32:190 f32:0.2
// grid: 15,12  block: 16,16
// reference: out[y*w+x] = u for boundary cells (x == 0, y == 0, x == w-1, y == h-1), else u + alpha * ((((l + r) + d) + t) - 4.0f * u) with l = u(x-1,y), r = u(x+1,y), d = u(x,y-1), t = u(x,y+1)
// tol: 1e-5
#define TILE 16

__global__ void heat_step(const float *u, float *out, int w, int h, float alpha) {
  __shared__ float s[TILE + 2][TILE + 2];
  int tx = threadIdx.x, ty = threadIdx.y;
  int x = blockIdx.x * TILE + tx;
  int y = blockIdx.y * TILE + ty;
  bool inside = x < w && y < h;
  if (inside) s[ty + 1][tx + 1] = u[y * w + x];
  if (inside && tx == 0 && x > 0) s[ty + 1][0] = u[y * w + x - 1];
  if (inside && (tx == TILE - 1 || x == w - 1) && x + 1 < w) s[ty + 1][tx + 2] = u[y * w + x + 1];
  if (inside && ty == 0 && y > 0) s[0][tx + 1] = u[(y - 1) * w + x];
  if (inside && (ty == TILE - 1 || y == h - 1) && y + 1 < h) s[ty + 2][tx + 1] = u[(y + 1) * w + x];
  __syncthreads();
  if (!inside) return;
  float c = s[ty + 1][tx + 1];
  if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
    out[y * w + x] = c;
    return;
  }
  float lap = s[ty + 1][tx] + s[ty + 1][tx + 2] + s[ty][tx + 1] + s[ty + 2][tx + 1] - 4.0f * c;
  out[y * w + x] = c + alpha * lap;
}
