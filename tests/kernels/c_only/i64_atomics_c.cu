// kernel: i64_atomics_c — every 64-bit atomic with its result used: atomicAdd tickets, an atomicCAS max loop, atomicMin/atomicMax on long long, atomicExch per element, atomicOr/Xor/And (C only: WGSL has only 32-bit atomics, so a 64-bit read-modify-write whose old value is used cannot be made atomic there)
// args: i32[3000]:rand(520) u64[3000]:fill(0) u64[2]:zero i64[2]:zero u64[3000]:iota u64[3000]:fill(0) u64[3]:fill(18446744073709551615) i32:3000
// grid: 12  block: 256
// reference: v = a[i] * 3000000000 (long long); tickets = 0..n-1 in some order (compared as a multiset); ures[0] = n; ures[1] = max over i of (unsigned long long)v + 2^63 (CAS loop from 0); res[0] = min(0, min v), res[1] = max(0, max v); old[i] = i, ex[i] = i + 2^40; bits[0] = all ones (OR of 1 << (i % 64) into all ones), bits[1] = ~0 ^ XOR of (i << 33), bits[2] = ~0 & AND of ~(1 << (i % 64)) over i
__global__ void i64_atomics_c(const int *a, unsigned long long *tickets, unsigned long long *ures,
                              long long *res, unsigned long long *ex, unsigned long long *old,
                              unsigned long long *bits, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  long long v = (long long)a[i] * 3000000000LL;
  tickets[i] = atomicAdd(&ures[0], 1ull);
  unsigned long long key = (unsigned long long)v + 0x8000000000000000ull; /* order-preserving */
  unsigned long long cur = ures[1], assumed;
  do {
    assumed = cur;
    if (key <= assumed) break;
    cur = atomicCAS(&ures[1], assumed, key);
  } while (cur != assumed);
  atomicMin(&res[0], v);
  atomicMax(&res[1], v);
  old[i] = atomicExch(&ex[i], (unsigned long long)i + (1ull << 40));
  atomicOr(&bits[0], 1ull << (i % 64));
  atomicXor(&bits[1], (unsigned long long)i << 33);
  atomicAnd(&bits[2], ~(1ull << (i % 64)));
}
