// A barrier under non-uniform control flow: Tint rejects it.
@group(0) @binding(0) var<storage, read_write> data: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) lid: u32) {
  if (data[lid] > 0.0) {
    workgroupBarrier();
  }
}
