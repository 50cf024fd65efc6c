struct CwUniforms {
  grid_x: u32,
  grid_y: u32,
  grid_z: u32,
  cw_reserved: u32,
  p2: i32,
}
@group(0) @binding(0) var<uniform> cw_u: CwUniforms;

@group(0) @binding(1) var<storage, read> data: array<u32>;
@group(0) @binding(2) var<storage, read_write> hist: array<atomic<u32>>;

var<workgroup> histogram256_local: array<atomic<u32>, 256>;

override cw_block_x: u32 = 1;
override cw_block_y: u32 = 1;
override cw_block_z: u32 = 1;

@compute @workgroup_size(cw_block_x, cw_block_y, cw_block_z)
fn histogram256(@builtin(local_invocation_id) cw_lid: vec3<u32>, @builtin(workgroup_id) cw_wid: vec3<u32>, @builtin(num_workgroups) cw_nwg: vec3<u32>) {
  let cw_linear = cw_wid.x + cw_wid.y * cw_nwg.x;
  if (cw_linear >= cw_u.grid_x * cw_u.grid_y * cw_u.grid_z) {
    return;
  }
  let cw_bid = vec3<u32>(cw_linear % cw_u.grid_x, (cw_linear / cw_u.grid_x) % cw_u.grid_y, cw_linear / (cw_u.grid_x * cw_u.grid_y));
  let cw_bdim = vec3<u32>(cw_block_x, cw_block_y, cw_block_z);
  var n: i32 = cw_u.p2;
  atomicStore(&histogram256_local[i32(cw_lid.x)], 0u);
  storageBarrier();
  workgroupBarrier();
  var i: i32 = i32(((cw_bid.x * cw_bdim.x) + cw_lid.x));
  loop {
    if (i >= n) {
      break;
    }
    var v: u32 = data[i];
    atomicAdd(&histogram256_local[i32(((v ^ (v >> 8u)) & 255u))], 1u);
    continuing {
      i = i32((u32(i) + (cw_bdim.x * cw_u.grid_x)));
    }
  }
  storageBarrier();
  workgroupBarrier();
  var c: u32 = atomicLoad(&histogram256_local[i32(cw_lid.x)]);
  if (c != 0u) {
    atomicAdd(&hist[i32(cw_lid.x)], c);
  }
}
