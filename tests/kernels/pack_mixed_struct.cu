// kernel: record_update — struct { short a; char b; unsigned char c; } records (4 bytes): whole-record stores, per-field updates in place and a short sum buffer
// args: i8[8000]:rand(610) i8[8000]:fill(0) i16[2000]:fill(-1) i32:2000
// grid: 8  block: 256
// reference: record i = bytes 4i..4i+3 of in: a = little-endian short of bytes 0,1; b = (signed char) byte 2; c = (unsigned char) byte 3. out[i] = {a = (short)(a - b), b = (char)(b * 3), c = (unsigned char)(c + 1)}, then in[i].c = (unsigned char)(c ^ 0x5a) (only byte 3 of in changes) and sums[i] = (short)(a + b + c)
struct Record {
  short a;
  char b;
  unsigned char c;
};

__global__ void record_update(Record *in, Record *out, short *sums, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Record r = in[i];
  Record o;
  o.a = (short)(r.a - r.b);
  o.b = (char)(r.b * 3);
  o.c = (unsigned char)(r.c + 1);
  out[i] = o;
  in[i].c = r.c ^ 0x5a;
  sums[i] = (short)(r.a + r.b + r.c);
}
