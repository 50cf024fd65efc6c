// kernel: nested_structs — nested struct with an array member, local array of structs, device function returning a pointer into a buffer
// args: f32[6000]:rand(121) f32[2000]:fill(-1) i32:1000 i32:6
// grid: 4  block: 256
// reference: row = in + i*6; box.lo = {row[0], row[1]}, box.hi = {row[2], row[3]}, box.w[0..1] = {row[4], row[5]}; pts[k] = {k*0.5f, -k*0.25f} for k < 3; out[2i] = sum_k (pts[k].x - box.lo.x)*box.w[0] + (box.hi.y - pts[k].y)*box.w[1]; out[2i+1] = (box.hi.x - box.lo.x) * (box.hi.y - box.lo.y)
// tol: 1e-5
struct Point {
  float x, y;
};

struct Box {
  struct Point lo, hi;
  float w[2];
};

__device__ const float *row_ptr(const float *base, int r, int width) { return base + r * width; }

__device__ float box_area(const struct Box *b) { return (b->hi.x - b->lo.x) * (b->hi.y - b->lo.y); }

__global__ void nested_structs(const float *in, float *out, int n, int width) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    const float *row = row_ptr(in, i, width);
    struct Box box = {{row[0], row[1]}, {row[2], row[3]}, {row[4], row[5]}};
    struct Point pts[3];
    for (int k = 0; k < 3; k++) {
      pts[k].x = k * 0.5f;
      pts[k].y = -k * 0.25f;
    }
    float acc = 0.0f;
    for (int k = 0; k < 3; k++)
      acc += (pts[k].x - box.lo.x) * box.w[0] + (box.hi.y - pts[k].y) * box.w[1];
    out[2 * i] = acc;
    out[2 * i + 1] = box_area(&box);
  }
}
