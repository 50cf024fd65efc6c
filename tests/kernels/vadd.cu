// kernel: vectorAdd — c = a + b (the CUDA samples' vectorAdd)
// args: f32[50000]:rand(1) f32[50000]:rand(2) f32[50000]:fill(-1) i32:50000
// grid: 196  block: 256
// reference: C[i] = A[i] + B[i] for i < numElements
#include "include/common.h"

__global__ void vectorAdd(const float *A, const float *B, float *C, int numElements) {
  int i = CW_IDX();
  if (i < numElements) {
    C[i] = A[i] + B[i] + 0.0f;
  }
}
