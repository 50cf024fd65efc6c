// Compiles, but 64 KiB of workgroup memory exceed the device limit (32 KiB on
// lavapipe, 16 KiB by default): only pipeline creation (an error scope) catches it.
var<workgroup> big: array<f32, 16384>;
@group(0) @binding(0) var<storage, read_write> data: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) lid: u32) {
  big[lid] = 1.0;
  workgroupBarrier();
  data[lid] = big[63u - lid];
}
