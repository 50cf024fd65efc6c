struct CwUniforms {
  grid_x: u32,
  grid_y: u32,
  grid_z: u32,
  cw_reserved: u32,
  p2: i32,
}
@group(0) @binding(0) var<uniform> cw_u: CwUniforms;

@group(0) @binding(1) var<storage, read> in: array<f32>;
@group(0) @binding(2) var<storage, read_write> partial: array<f32>;

var<workgroup> reduce_sum_sdata: array<f32, 256>;

override cw_block_x: u32 = 1;
override cw_block_y: u32 = 1;
override cw_block_z: u32 = 1;

@compute @workgroup_size(cw_block_x, cw_block_y, cw_block_z)
fn reduce_sum(@builtin(local_invocation_id) cw_lid: vec3<u32>, @builtin(workgroup_id) cw_wid: vec3<u32>, @builtin(num_workgroups) cw_nwg: vec3<u32>) {
  let cw_linear = cw_wid.x + cw_wid.y * cw_nwg.x;
  if (cw_linear >= cw_u.grid_x * cw_u.grid_y * cw_u.grid_z) {
    return;
  }
  let cw_bid = vec3<u32>(cw_linear % cw_u.grid_x, (cw_linear / cw_u.grid_x) % cw_u.grid_y, cw_linear / (cw_u.grid_x * cw_u.grid_y));
  let cw_bdim = vec3<u32>(cw_block_x, cw_block_y, cw_block_z);
  var n: i32 = cw_u.p2;
  var tid: u32 = cw_lid.x;
  var i: u32 = (cw_bid.x * cw_bdim.x) + cw_lid.x;
  reduce_sum_sdata[i32(tid)] = select(0.0f, in[i32(i)], i < u32(n));
  storageBarrier();
  workgroupBarrier();
  var s: u32 = cw_bdim.x / 2u;
  loop {
    if (s <= 0u) {
      break;
    }
    if (tid < s) {
      reduce_sum_sdata[i32(tid)] = reduce_sum_sdata[i32(tid)] + reduce_sum_sdata[i32((tid + s))];
    }
    storageBarrier();
    workgroupBarrier();
    continuing {
      s = s >> 1u;
    }
  }
  if (tid == 0u) {
    partial[i32(cw_bid.x)] = reduce_sum_sdata[0i];
  }
}
