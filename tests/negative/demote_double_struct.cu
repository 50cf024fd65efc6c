// expect: error: double member in struct Body cannot be demoted to float (its layout would no longer match the host's); use float in the struct
// flags: --demote-double
// nvcc: accepts (valid CUDA; with --demote-double the struct's host layout could not be kept)

struct Body {
  double x, y;
  float m;
};

__global__ void k(const struct Body *b, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = (float)(b[i].x * b[i].m);
}
