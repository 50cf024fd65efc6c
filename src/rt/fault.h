/* Fault injection for tests (CW_FAULT), compiled in always and inert unless
 * the variable is set. TEST-ONLY: never set CW_FAULT in production.
 *
 *   CW_FAULT=NAME[,NAME...]   each NAME one of the faults below; an unknown
 *                             name makes cw_context_create fail with
 *                             CW_ERROR_INVALID_VALUE, so a typo cannot turn a
 *                             fault test into one that passes without a fault.
 *
 * The variable is read at every call (tests change it between contexts). */
#ifndef CW_RT_FAULT_H
#define CW_RT_FAULT_H
#include <stdbool.h>
#include <stddef.h>

typedef enum {
  CW_FAULT_NO_LIBCUDA,    /* "no-libcuda": the cuda step finds no libcuda.so.1 */
  CW_FAULT_NO_NVRTC,      /* "no-nvrtc": the cuda step finds no libnvrtc */
  CW_FAULT_NVRTC_COMPILE, /* "nvrtc-compile": NVRTC rejects the cuda step's self-test kernel */
  CW_FAULT_NO_HIP,        /* "no-hip": the hip step finds no libamdhip64 / hiprtc */
  CW_FAULT_NO_VULKAN,     /* "no-vulkan": Dawn finds no Vulkan driver (no adapter) */
  CW_FAULT_NO_DAWN,       /* "no-dawn": the WebGPU library cannot be loaded */
  CW_FAULT_NO_CC,         /* "no-cc": no system C compiler */
  CW_FAULT_NO_TCC,        /* "no-tcc": the embedded libtcc step fails to start */
  CW_FAULT_DEVICE_LOST,   /* "device-lost": the first launch in the process loses the device */
  CW_FAULT_COUNT
} cw_fault;

/* The spelling used in CW_FAULT. */
const char *cw_fault_name(cw_fault f);
/* Whether CW_FAULT names f now. */
bool cw_fault_on(cw_fault f);
/* Checks CW_FAULT's syntax; on an unknown name writes why and returns false. */
bool cw_fault_check_env(char *why, size_t whylen);
/* device-lost fires once per process: true the first time it is asked while
 * CW_FAULT holds device-lost, false afterwards (so that a new context, as
 * the user is told to create, is not lost again). */
bool cw_fault_take_device_lost(void);

#endif
