// kernel: affine<float> — a templated struct read through a kernel parameter pointer and passed by value to a device function
// args: f32[2]:iota f32[3000]:rand(64) f32[3000]:fill(-1) i32:3000
// grid: 12  block: 256
// reference: y[i] = f.mul * x[i] + f.add with {mul, add} = {0.0f, 1.0f} (the iota buffer): y[i] = 1.0f
template <typename T>
struct Affine {
  T mul;
  T add;
};

template <typename T>
__device__ T apply_affine(Affine<T> f, T v) { return f.mul * v + f.add; }

template <typename T>
__global__ void affine(const Affine<T> *f, const T *x, T *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = apply_affine(*f, x[i]);
}

template __global__ void affine<float>(const Affine<float> *, const float *, float *, int);
