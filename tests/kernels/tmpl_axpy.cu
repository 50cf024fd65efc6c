// kernel: axpy<float> — type-generic y = a*x + y, float instance
// args: f32:1.5 f32[5000]:rand(44) f32[5000]:rand(45) i32:5000
// grid: 20  block: 256
// reference: y[i] = 1.5f * x[i] + y[i] for i < 5000 (float)
// kernel: axpy<int> — the same template instantiated for int
// args: i32:-3 i32[5000]:rand(46) i32[5000]:rand(47) i32:5000
// grid: 20  block: 256
// reference: y[i] = -3 * x[i] + y[i] for i < 5000 (int)
template <typename T>
__global__ void axpy(T a, const T *__restrict__ x, T *__restrict__ y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}

template __global__ void axpy<float>(float, const float *, float *, int);
template __global__ void axpy<int>(int, const int *, int *, int);
