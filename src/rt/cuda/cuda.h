/* The cuda dialect of the runtime-compiled GPU backends (rtc/gpu.h): used
 * by the backend (cw_cuda_backend) and by tools that only compile
 * (tests/tools/rtc_check.c). */
#ifndef CW_RT_CUDA_H
#define CW_RT_CUDA_H
#include "rt/rtc/gpu.h"

extern const cw_gpu_dialect cw_cuda_dialect;

#endif
