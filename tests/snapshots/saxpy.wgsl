struct CwUniforms {
  grid_x: u32,
  grid_y: u32,
  grid_z: u32,
  cw_reserved: u32,
  p0: i32,
  p1: f32,
}
@group(0) @binding(0) var<uniform> cw_u: CwUniforms;

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

override cw_block_x: u32 = 1;
override cw_block_y: u32 = 1;
override cw_block_z: u32 = 1;

@compute @workgroup_size(cw_block_x, cw_block_y, cw_block_z)
fn saxpy(@builtin(local_invocation_id) cw_lid: vec3<u32>, @builtin(workgroup_id) cw_wid: vec3<u32>, @builtin(num_workgroups) cw_nwg: vec3<u32>) {
  let cw_linear = cw_wid.x + cw_wid.y * cw_nwg.x;
  if (cw_linear >= cw_u.grid_x * cw_u.grid_y * cw_u.grid_z) {
    return;
  }
  let cw_bid = vec3<u32>(cw_linear % cw_u.grid_x, (cw_linear / cw_u.grid_x) % cw_u.grid_y, cw_linear / (cw_u.grid_x * cw_u.grid_y));
  let cw_bdim = vec3<u32>(cw_block_x, cw_block_y, cw_block_z);
  var n: i32 = cw_u.p0;
  var a: f32 = cw_u.p1;
  var i: i32 = i32(((cw_bid.x * cw_bdim.x) + cw_lid.x));
  if (i < n) {
    y[i] = (a * x[i]) + y[i];
  }
}
