// kernel: tokenize_states — enum-driven state machine in a loop (no goto): counts words/numbers in a synthetic byte stream held as ints
// args: i32[16384]:rand(73) i32[256]:fill(-1) i32[256]:fill(-1) i32:256 i32:64
// grid: 2  block: 128
// reference: for each row r (< 256) of 64 ints, char class cls(v) = (v & 3): 0 space, 1 letter, 2 digit, 3 punct; states IDLE/WORD/NUMBER; words[r] = number of maximal letter runs, numbers[r] = number of maximal digit runs (punct and space end runs)
enum State { IDLE, WORD, NUMBER };

__global__ void tokenize_states(const int *text, int *words, int *numbers, int rows, int len) {
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= rows) return;
  enum State st = IDLE;
  int nw = 0, nn = 0;
  for (int k = 0; k < len; k++) {
    int cls = text[r * len + k] & 3;
    switch (st) {
    case IDLE:
      if (cls == 1) { st = WORD; nw++; }
      else if (cls == 2) { st = NUMBER; nn++; }
      break;
    case WORD:
      if (cls == 2) { st = NUMBER; nn++; }
      else if (cls != 1) st = IDLE;
      break;
    case NUMBER:
      if (cls == 1) { st = WORD; nw++; }
      else if (cls != 2) st = IDLE;
      break;
    }
  }
  words[r] = nw;
  numbers[r] = nn;
}
