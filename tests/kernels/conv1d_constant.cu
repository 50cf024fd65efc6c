// kernel: conv1d — 1-D convolution with 9 weights in __constant__ memory (initialised), zero padding
// args: f32[12345]:rand(48) f32[12345]:fill(-1) i32:12345
// grid: 49  block: 256
// reference: out[i] = sum_{k=0..8} (c[k] - 0.01f*k) * (0 <= i+k-4 < n ? in[i+k-4] : 0), c = {0.05,0.1,0.15,0.2,0.25,0.2,0.15,0.1,0.05}
// tol: 1e-5
#define RADIUS 4
#define KSIZE (2 * RADIUS + 1)

__constant__ float c_weights[KSIZE] = {0.05f, 0.1f, 0.15f, 0.2f, 0.25f, 0.2f, 0.15f, 0.1f, 0.05f};

__global__ void conv1d(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float acc = 0.0f;
    for (int k = 0; k < KSIZE; k++) {
      int j = i + k - RADIUS;
      float v = (j >= 0 && j < n) ? in[j] : 0.0f;
      acc += (c_weights[k] - 0.01f * k) * v;
    }
    out[i] = acc;
  }
}
