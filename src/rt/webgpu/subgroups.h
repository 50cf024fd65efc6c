/* Can CUDA warps run as WGSL subgroups here? (subgroups.c) */
#ifndef CW_RT_WEBGPU_SUBGROUPS_H
#define CW_RT_WEBGPU_SUBGROUPS_H
#include <stddef.h>

#include "rt/webgpu/dawn_api.h"

/* 1: every warp of every block shape probed is exactly one 32-wide subgroup
 * (passes/warp.c may use subgroup operations); 0: not so, or not measurable,
 * with the reason in why. Runs a few small dispatches. */
int cw_wg_warps_are_subgroups(cw_wg *wg, char *why, size_t whylen);
/* The probe alone, whatever the adapter says of its subgroup sizes (tests
 * run it on CPU drivers, where it must answer 0). Needs the subgroups feature. */
int cw_wg_subgroup_probe(cw_wg *wg, char *why, size_t whylen);

#endif
