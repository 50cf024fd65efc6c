// kernel: index3d — 3-D blocks and grid: write the linear index of every (x,y,z) of a nx*ny*nz volume
// args: i32[4368]:fill(-1) i32:13 i32:21 i32:16
// grid: 2,3,4  block: 8,8,4
// reference: out[(z*ny + y)*nx + x] = x + 100*y + 10000*z for x < 13, y < 21, z < 16
__global__ void index3d(int *out, int nx, int ny, int nz) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  int z = blockIdx.z * blockDim.z + threadIdx.z;
  if (x < nx && y < ny && z < nz)
    out[(z * ny + y) * nx + x] = x + 100 * y + 10000 * z;
}
