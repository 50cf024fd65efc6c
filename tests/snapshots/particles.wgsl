struct Particle {
  x: f32,
  y: f32,
  vx: f32,
  vy: f32,
  mass: f32,
  flags: i32,
  hits: i32,
}

struct CwUniforms {
  grid_x: u32,
  grid_y: u32,
  grid_z: u32,
  cw_reserved: u32,
  p1: i32,
  p2: f32,
  p3: f32,
}
@group(0) @binding(0) var<uniform> cw_u: CwUniforms;

@group(0) @binding(1) var<storage, read_write> ps: array<Particle>;

override cw_block_x: u32 = 1;
override cw_block_y: u32 = 1;
override cw_block_z: u32 = 1;

@compute @workgroup_size(cw_block_x, cw_block_y, cw_block_z)
fn particles_update(@builtin(local_invocation_id) cw_lid: vec3<u32>, @builtin(workgroup_id) cw_wid: vec3<u32>, @builtin(num_workgroups) cw_nwg: vec3<u32>) {
  let cw_linear = cw_wid.x + cw_wid.y * cw_nwg.x;
  if (cw_linear >= cw_u.grid_x * cw_u.grid_y * cw_u.grid_z) {
    return;
  }
  let cw_bid = vec3<u32>(cw_linear % cw_u.grid_x, (cw_linear / cw_u.grid_x) % cw_u.grid_y, cw_linear / (cw_u.grid_x * cw_u.grid_y));
  let cw_bdim = vec3<u32>(cw_block_x, cw_block_y, cw_block_z);
  var n: i32 = cw_u.p1;
  var dt: f32 = cw_u.p2;
  var g: f32 = cw_u.p3;
  var i: i32 = i32(((cw_bid.x * cw_bdim.x) + cw_lid.x));
  if (i >= n) {
    return;
  }
  var p: Particle = ps[i];
  if ((p.flags & 1i) == 0i) {
    ps[i].hits = -1i;
    return;
  }
  p.vy = p.vy + (g * dt);
  p.x = p.x + (p.vx * dt);
  p.y = p.y + (p.vy * dt);
  var bounces: i32 = 0i;
  if (p.x < (-1.0f)) {
    p.x = -1.0f;
    p.vx = -p.vx;
    bounces = bounces + 1i;
  }
  if (p.x > 1.0f) {
    p.x = 1.0f;
    p.vx = -p.vx;
    bounces = bounces + 1i;
  }
  if (p.y < (-1.0f)) {
    p.y = -1.0f;
    p.vy = (-0.5f) * p.vy;
    bounces = bounces + 1i;
  }
  if (p.y > 1.0f) {
    p.y = 1.0f;
    p.vy = -p.vy;
    bounces = bounces + 1i;
  }
  p.hits = (p.hits & 255i) + bounces;
  p.mass = p.mass * 0.999000013f;
  ps[i] = p;
}
