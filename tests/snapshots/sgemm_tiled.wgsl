struct CwUniforms {
  grid_x: u32,
  grid_y: u32,
  grid_z: u32,
  cw_reserved: u32,
  p3: i32,
  p4: i32,
  p5: i32,
}
@group(0) @binding(0) var<uniform> cw_u: CwUniforms;

@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read_write> C: array<f32>;

var<workgroup> sgemm_tiled_As: array<f32, 256>;
var<workgroup> sgemm_tiled_Bs: array<f32, 256>;

override cw_block_x: u32 = 1;
override cw_block_y: u32 = 1;
override cw_block_z: u32 = 1;

@compute @workgroup_size(cw_block_x, cw_block_y, cw_block_z)
fn sgemm_tiled(@builtin(local_invocation_id) cw_lid: vec3<u32>, @builtin(workgroup_id) cw_wid: vec3<u32>, @builtin(num_workgroups) cw_nwg: vec3<u32>) {
  let cw_linear = cw_wid.x + cw_wid.y * cw_nwg.x;
  if (cw_linear >= cw_u.grid_x * cw_u.grid_y * cw_u.grid_z) {
    return;
  }
  let cw_bid = vec3<u32>(cw_linear % cw_u.grid_x, (cw_linear / cw_u.grid_x) % cw_u.grid_y, cw_linear / (cw_u.grid_x * cw_u.grid_y));
  var M: i32 = cw_u.p3;
  var N: i32 = cw_u.p4;
  var K: i32 = cw_u.p5;
  var tx: i32 = i32(cw_lid.x);
  var ty: i32 = i32(cw_lid.y);
  var row: i32 = i32(((cw_bid.y * 16u) + u32(ty)));
  var col: i32 = i32(((cw_bid.x * 16u) + u32(tx)));
  var acc: f32 = 0.0f;
  var t: i32 = 0i;
  loop {
    if (t >= (((K + 16i) - 1i) / 16i)) {
      break;
    }
    var ak: i32 = (t * 16i) + tx;
    var bk: i32 = (t * 16i) + ty;
    sgemm_tiled_As[(ty * 16i) + tx] = select(0.0f, A[(row * K) + ak], (row < M) && (ak < K));
    sgemm_tiled_Bs[(ty * 16i) + tx] = select(0.0f, B[(bk * N) + col], (bk < K) && (col < N));
    storageBarrier();
    workgroupBarrier();
    var k: i32 = 0i;
    loop {
      if (k >= 16i) {
        break;
      }
      acc = acc + (sgemm_tiled_As[(ty * 16i) + k] * sgemm_tiled_Bs[(k * 16i) + tx]);
      continuing {
        k = k + 1i;
      }
    }
    storageBarrier();
    workgroupBarrier();
    continuing {
      t = t + 1i;
    }
  }
  if ((row < M) && (col < N)) {
    C[(row * N) + col] = acc;
  }
}
