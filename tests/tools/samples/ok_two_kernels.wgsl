// Two entry points; only the second uses workgroup memory sized by an override.
override cw_block_x: u32 = 64;
override cw_block_y: u32 = 1;
override cw_block_z: u32 = 1;
override cw_dyn_shared_len: u32 = 256;

@group(0) @binding(0) var<storage, read_write> data: array<f32>;
var<workgroup> tile: array<f32, cw_dyn_shared_len>;

@compute @workgroup_size(cw_block_x, cw_block_y, cw_block_z)
fn scale(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x < arrayLength(&data)) {
    data[gid.x] = data[gid.x] * 2.0;
  }
}

@compute
@workgroup_size(cw_block_x, cw_block_y, cw_block_z)
fn reverse_tile(@builtin(local_invocation_index) lid: u32,
                @builtin(workgroup_id) wid: vec3<u32>) {
  let base = wid.x * cw_block_x;
  if (lid < cw_dyn_shared_len && base + lid < arrayLength(&data)) {
    tile[lid] = data[base + lid];
  }
  workgroupBarrier();
  let src = cw_block_x - 1u - lid;
  if (src < cw_dyn_shared_len && base + lid < arrayLength(&data)) {
    data[base + lid] = tile[src];
  }
}
