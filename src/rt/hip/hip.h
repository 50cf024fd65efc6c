/* The hip dialect of the runtime-compiled GPU backends (rtc/gpu.h). */
#ifndef CW_RT_HIP_H
#define CW_RT_HIP_H
#include "rt/rtc/gpu.h"

extern const cw_gpu_dialect cw_hip_dialect;

#endif
