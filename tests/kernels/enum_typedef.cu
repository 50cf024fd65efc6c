// kernel: apply_ops — enum with explicit values, typedef'd struct and enum, struct with an enum field passed by pointer
// args: i32[3000]:rand(104) f32[3000]:rand(105) f32[3000]:fill(-1) i32:3000
// grid: 12  block: 256
// reference: op = (ops[i] & 3) selects {OP_ADD=0: x + 1, OP_MUL=1: x * 3, OP_NEG=2: -x, OP_SQR=3: x * x} on x = val[i]; then out[i] = result * 0.5f + (op == OP_NEG ? 10 : 0)
typedef enum { OP_ADD = 0, OP_MUL = 1, OP_NEG, OP_SQR = OP_NEG + 1 } OpKind;

typedef struct {
  OpKind kind;
  float scale;
} Instr;

__device__ float run_instr(const Instr *ins, float x) {
  float r;
  switch (ins->kind) {
  case OP_ADD: r = x + 1.0f; break;
  case OP_MUL: r = x * 3.0f; break;
  case OP_NEG: r = -x; break;
  default: r = x * x; break;
  }
  return r * ins->scale;
}

__global__ void apply_ops(const int *ops, const float *val, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    Instr ins;
    ins.kind = (OpKind)(ops[i] & 3);
    ins.scale = 0.5f;
    out[i] = run_instr(&ins, val[i]) + (ins.kind == OP_NEG ? 10.0f : 0.0f);
  }
}
