/**
 * Sample bookings for demos and tests: the same seed always gives the same records (a seeded
 * mulberry32 generator, never Math.random). Dates fall from the day after `today` on, because a
 * booking must be for tomorrow or later; pass `today` (YYYY-MM-DD) to pin them.
 *
 * @param {number} seed
 * @param {number} count
 * @param {{ today?: string }} [options]
 * @returns {{ form: string, data: Record<string, unknown> }[]}
 */
export function samples(seed, count, options = {}) {
  const next = mulberry32(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const digits = (n) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const today = new Date(`${options.today ?? '2026-01-01'}T00:00:00Z`);
  const out = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(today.getTime() + (1 + Math.floor(next() * 14)) * 86_400_000);
    out.push({
      form: 'frm_service_booking',
      data: {
        f_name: `${pick(SURNAMES)}${pick(['先生', '女士'])}`,
        f_mobile: `${pick(['138', '139', '186', '150', '177'])}${digits(8)}`,
        f_plate: `${pick(['沪', '苏', '浙'])}${pick(['A', 'B', 'D', 'E'])}${digits(5)}`,
        f_model: pick(MODELS),
        f_odometer: 1000 + Math.floor(next() * 120_000),
        f_service_type: pick(['Maintenance', 'Repair', 'Warranty', 'BodyPaint', 'Tyres', 'Inspection']),
        f_date: day.toISOString().slice(0, 10),
        f_slot: pick(['0830', '1000', '1300', '1430', '1600']),
        f_wait: pick(['Wait', 'DropOff']),
      },
    });
  }
  return out;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const MODELS = ['CR-V 2023款', '雅阁 2022款', '思域 2024款', '凯美瑞 2023款', 'Model Y', '汉 EV'];

/** @param {number} seed */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
