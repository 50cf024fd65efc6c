// kernel: double2_lerp — double2 buffers (16-byte aligned) on the C target (double is refused on wgsl); make_double2
// args: f64[2000]:rand(571) f64[2000]:rand(572) f64[2000]:fill(-1) f64:0.25 i32:1000
// grid: 4  block: 256
// reference: for i < n, k < 2: out[2i+k] = a[2i+k] + t * (b[2i+k] - a[2i+k])
__global__ void double2_lerp(const double2 *a, const double2 *b, double2 *out, double t, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    double2 x = a[i], y = b[i];
    out[i] = make_double2(x.x + t * (y.x - x.x), x.y + t * (y.y - x.y));
  }
}
