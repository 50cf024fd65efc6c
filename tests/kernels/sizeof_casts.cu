// kernel: sizeof_casts — sizeof of types/expressions/structs/arrays, int<->float casts, implicit promotions
// args: f32[2000]:rand(117) i32[16000]:fill(-1) i32:2000
// grid: 8  block: 256
// reference: x = in[i]; out[8i..8i+7] = {sizeof(int)+sizeof(float)+sizeof(short)+sizeof(char) = 11, sizeof(S) = 12, sizeof(arr) = 40, sizeof arr / sizeof arr[0] = 10, (int)(x * 1000.0f), (int)(unsigned char)(int)(x * 100.0f + 200.0f), (int)((float)(i / 3) / 2.0f * 10.0f), 'A' + (i % 26)}
struct S {
  int a;
  float b;
  short c;
};

__global__ void sizeof_casts(const float *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int arr[10] = {0};
    float x = in[i];
    int *o = out + 8 * i;
    o[0] = (int)(sizeof(int) + sizeof(float) + sizeof(short) + sizeof(char));
    o[1] = (int)sizeof(struct S);
    o[2] = (int)sizeof(arr);
    o[3] = (int)(sizeof arr / sizeof arr[0]) + arr[i % 10];
    o[4] = (int)(x * 1000.0f);
    o[5] = (int)(unsigned char)(int)(x * 100.0f + 200.0f);
    o[6] = (int)((float)(i / 3) / 2.0f * 10.0f);
    o[7] = 'A' + (i % 26);
  }
}
