// expect: error: lambda capture by reference ('[&]') is not supported; capture by value with '[=]'
// nvcc: accepts (valid CUDA we do not support)
__global__ void k(float *a) { float s = 0.0f; auto f = [&](float v) { s += v; }; f(a[0]); a[1] = s; }
