struct CwUniforms {
  grid_x: u32,
  grid_y: u32,
  grid_z: u32,
  cw_reserved: u32,
  p2: i32,
}
@group(0) @binding(0) var<uniform> cw_u: CwUniforms;

@group(0) @binding(1) var<storage, read> op: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<i32>;

override cw_block_x: u32 = 1;
override cw_block_y: u32 = 1;
override cw_block_z: u32 = 1;

@compute @workgroup_size(cw_block_x, cw_block_y, cw_block_z)
fn switch_fallthrough(@builtin(local_invocation_id) cw_lid: vec3<u32>, @builtin(workgroup_id) cw_wid: vec3<u32>, @builtin(num_workgroups) cw_nwg: vec3<u32>) {
  let cw_linear = cw_wid.x + cw_wid.y * cw_nwg.x;
  if (cw_linear >= cw_u.grid_x * cw_u.grid_y * cw_u.grid_z) {
    return;
  }
  let cw_bid = vec3<u32>(cw_linear % cw_u.grid_x, (cw_linear / cw_u.grid_x) % cw_u.grid_y, cw_linear / (cw_u.grid_x * cw_u.grid_y));
  let cw_bdim = vec3<u32>(cw_block_x, cw_block_y, cw_block_z);
  var n: i32 = cw_u.p2;
  var i: i32 = i32(((cw_bid.x * cw_bdim.x) + cw_lid.x));
  if (i < n) {
    var k_7: i32 = op[i] % 8i;
    var tmp: i32;
    var k_9: i32 = k_7;
    var acc_10: i32 = 1i;
    switch (k_9) {
      case 0i: {
        acc_10 = acc_10 + 10i;
        {
          acc_10 = acc_10 + 100i;
        }
        {
          acc_10 = acc_10 * 2i;
        }
      }
      case 1i: {
        acc_10 = acc_10 + 100i;
        {
          acc_10 = acc_10 * 2i;
        }
      }
      case 2i: {
        acc_10 = acc_10 * 2i;
      }
      case 3i, 4i: {
        acc_10 = -k_9;
      }
      default: {
        acc_10 = 7i;
        {
          var j_11: i32 = 0i;
          loop {
            if (j_11 >= 10i) {
              break;
            }
            if (j_11 == k_9) {
              break;
            }
            acc_10 = acc_10 + j_11;
            continuing {
              j_11 = j_11 + 1i;
            }
          }
        }
      }
      case 6i: {
        var j_11: i32 = 0i;
        loop {
          if (j_11 >= 10i) {
            break;
          }
          if (j_11 == k_9) {
            break;
          }
          acc_10 = acc_10 + j_11;
          continuing {
            j_11 = j_11 + 1i;
          }
        }
      }
      case 7i: {
        acc_10 = 77i;
      }
    }
    tmp = acc_10;
    out[i] = (tmp * 1000i) + k_7;
  }
}
