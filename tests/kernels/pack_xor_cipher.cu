// kernel: xor_cipher — byte-wise XOR cipher in place on an unsigned char buffer with a repeating key (n not a multiple of 4)
// args: u8[10007]:rand(603) u8[13]:rand(604) i32:13 i32:10007
// grid: 40  block: 256
// reference: for i < n: data[i] ^= key[i % keylen]; key unchanged
__global__ void xor_cipher(unsigned char *data, const unsigned char *key, int keylen, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) data[i] ^= key[i % keylen];
}
