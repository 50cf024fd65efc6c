// kernel: side_effects — compound assignment on array elements with side-effecting indices (a[k++] += 2), pre/post ++/--
// args: i32[4000]:iota i32[4000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: for each i < n (1000) with local int a[4] = {in[4i..4i+3]}: k = 0; a[k++] += 2; a[k++] *= 3; a[++k] -= 5; a[--k] <<= 1; a[k--] |= 8; m = a[k] ^= 0x55; a[3] += m; out[4i + j] = a[j]
__global__ void side_effects(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int a[4];
    for (int j = 0; j < 4; j++) a[j] = in[4 * i + j];
    int k = 0;
    a[k++] += 2;
    a[k++] *= 3;
    a[++k] -= 5;
    a[--k] <<= 1;
    a[k--] |= 8;
    int m = a[k] ^= 0x55;
    a[3] += m;
    int *o = out + 4 * i;
    int j = 0;
    while (j < 4) *o++ = a[j++];
  }
}
