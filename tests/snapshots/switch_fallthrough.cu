// kernel: switch_fallthrough — switch with fallthrough, grouped labels, default in the middle, break inside a loop in a case
// args: i32[4096]:iota i32[4096]:fill(-1) i32:4000
// grid: 16  block: 256
// reference: out[i] = {222, 202, 2, -3, -4, 17, 16, 77}[k]*1000 + k with k = op[i] % 8 = i % 8, for i < n (4000); out[4000..4095] stay -1
__device__ int classify(int k) {
  int acc = 1;
  switch (k) {
  case 0:
    acc += 10;
    /* fallthrough */
  case 1:
    acc += 100;
    /* fallthrough */
  case 2:
    acc *= 2;
    break;
  case 3:
  case 4:
    acc = -k;
    break;
  default:
    acc = 7;
    /* fallthrough */
  case 6:
    for (int j = 0; j < 10; j++) {
      if (j == k) break;
      acc += j;
    }
    break;
  case 7:
    acc = 77;
  }
  return acc;
}

__global__ void switch_fallthrough(const int *op, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int k = op[i] % 8;
    out[i] = classify(k) * 1000 + k;
  }
}
