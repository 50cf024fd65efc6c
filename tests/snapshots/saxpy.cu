// kernel: saxpy — y = a*x + y over n floats
// args: i32:1000003 f32:2.5 f32[1000003]:rand(1) f32[1000003]:rand(2)
// grid: 3907  block: 256
// reference: y[i] = a*x[i] + y[i] for i < n
__global__ void saxpy(int n, float a, const float *x, float *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}
