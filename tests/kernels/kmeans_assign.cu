// kernel: kmeans_assign — k-means assignment step: 8 centroids of 4-D points cached in shared memory, each point takes the nearest centroid (squared distance, lowest index on ties), cluster sizes counted with atomicAdd
// args: f32[20000]:rand(431) f32[32]:rand(432) i32[5000]:fill(-1) i32[8]:zero i32:5000
// grid: 20  block: 256
// reference: for point p (floats 4p..4p+3) and centroid c (floats 4c..4c+3): dist = ((d0*d0 + d1*d1) + d2*d2) + d3*d3 with dk = x - cen; assign[p] = argmin_c dist (first minimum); counts[c] = number of points assigned to c
#define K 8
#define D 4

__global__ void kmeans_assign(const float *points, const float *centroids, int *assign, int *counts, int n) {
  __shared__ float cen[K * D];
  if (threadIdx.x < K * D) cen[threadIdx.x] = centroids[threadIdx.x];
  __syncthreads();
  int p = blockIdx.x * blockDim.x + threadIdx.x;
  if (p >= n) return;
  float best = 3.4e38f;
  int best_c = 0;
  for (int c = 0; c < K; c++) {
    float dist = 0.0f;
    for (int k = 0; k < D; k++) {
      float diff = points[p * D + k] - cen[c * D + k];
      dist += diff * diff;
    }
    if (dist < best) {
      best = dist;
      best_c = c;
    }
  }
  assign[p] = best_c;
  atomicAdd(&counts[best_c], 1);
}
