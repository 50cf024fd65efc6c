// kernel: warp_2d_block — 2-D blocks (16 x 8): warps are 32 consecutive linear thread ids (two rows)
// args: f32[1024]:rand(19) f32[32]:zero
// grid: 4,2  block: 16,8
// reference: image 32 wide, 32 tall; block (bx, by) covers x in [16bx, 16bx+16), y in [8by, 8by+8); out[(by*4+bx)*4 + w] = sum over ty in {2w, 2w+1}, tx < 16 of img[(8by+ty)*32 + 16bx+tx]
// tol: 1e-5

__global__ void warp_2d_block(const float *img, float *out) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  float v = img[y * 32 + x];
  int tid = threadIdx.y * blockDim.x + threadIdx.x;
  for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffff, v, o);
  if ((tid & 31) == 0) out[(blockIdx.y * gridDim.x + blockIdx.x) * 4 + (tid >> 5)] = v;
}
