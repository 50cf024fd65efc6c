// expect: error: class inheritance is not supported; use a member of the base type instead
// nvcc: accepts (valid CUDA we do not support)
struct B { float v; };
struct D : public B { float w; };
__global__ void k(float *a) { D d; d.w = 1.0f; a[0] = d.w; }
