// kernel: sieve_mark — bool *is_prime sieve: thread p < limit strikes out the multiples of p from p*p on (many threads write bytes of the same words concurrently)
// args: u8[20000]:fill(1) i32:20000 i32:142
// grid: 1  block: 160
// reference: is_prime[k] = 1 if k is prime else 0, for k < n (limit = 142 > sqrt(20000))
__global__ void sieve_mark(bool *is_prime, int n, int limit) {
  int p = threadIdx.x;
  if (p == 0) {
    is_prime[0] = false;
    is_prime[1] = false;
  }
  if (p < 2 || p >= limit) return;
  for (int m = p * p; m < n; m += p) is_prime[m] = false;
}
