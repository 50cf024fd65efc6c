// kernel: i64_records — buffer of structs with a long long member after an int (16 bytes, member at offset 8: host alignment), read whole, written member by member
// args: u32[8000]:rand(513) i64[2000]:fill(-1) u32[8000]:fill(7) i32:2000
// grid: 8  block: 256
// reference: record k = words 4k..4k+3: id = word 0, value = words 2 (low) and 3 (high); out[k] = (value >> 4) * 3 - id; copy: word 0 = id + 1, words 2-3 = -(value >> 1), word 1 untouched (7)
typedef struct {
  int id;
  long long value;
} Rec;

__global__ void i64_records(const Rec *recs, long long *out, Rec *copy, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Rec r = recs[i];
  out[i] = (r.value >> 4) * 3 - r.id;
  copy[i].id = r.id + 1;
  copy[i].value = -(r.value >> 1);
}
