// kernel: odd_even_sort — odd-even transposition sort of 256 ints per block in shared memory: 256 phases, even phases compare (2k, 2k+1), odd phases (2k+1, 2k+2)
// args: i32[2560]:rand(361)
// grid: 10  block: 256
// reference: each aligned 256-element segment is sorted ascending
#define N 256

__global__ void odd_even_sort(int *data) {
  __shared__ int s[N];
  int t = threadIdx.x;
  int *d = data + blockIdx.x * N;
  s[t] = d[t];
  __syncthreads();
  for (int phase = 0; phase < N; phase++) {
    int i = 2 * t + (phase & 1);
    if (t < N / 2 && i + 1 < N) {
      int a = s[i], b = s[i + 1];
      if (a > b) {
        s[i] = b;
        s[i + 1] = a;
      }
    }
    __syncthreads();
  }
  d[t] = s[t];
}
