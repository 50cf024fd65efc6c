// kernel: apply<Square> — generic elementwise kernel parameterised by an operation type (tag structs + specialised op())
// args: f32[3000]:rand(48) f32[3000]:fill(-1) i32:3000
// grid: 12  block: 256
// reference: out[i] = in[i] * in[i]
// kernel: apply<AddHalf> — the same kernel with another operation
// args: f32[3000]:rand(49) f32[3000]:fill(-1) i32:3000
// grid: 12  block: 256
// reference: out[i] = in[i] + 0.5f
struct Square {};
struct AddHalf {};

template <class Op> __device__ float op(float x);
template <> __device__ float op<Square>(float x) { return x * x; }
template <> __device__ float op<AddHalf>(float x) { return x + 0.5f; }

template <class Op>
__global__ void apply(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = op<Op>(in[i]);
}

int main() {
  float *in = 0, *out = 0;
  apply<Square><<<12, 256>>>(in, out, 3000);
  apply<AddHalf><<<12, 256>>>(in, out, 3000);
  return 0;
}
