/**
 * One definition and some valid stored values per registered type. The registry test fails for a type
 * that is missing here, so a new type cannot skip the round-trip and schema checks.
 */
export interface Sample {
  props?: Record<string, unknown>;
  /** Stored values; empty only for layout types, which store nothing. */
  values: unknown[];
}

const parts = {
  fields: [
    { id: 'f_part', type: 'text', label: { zh: '零件', en: 'Part' }, required: true },
    { id: 'f_qty', type: 'number', label: { zh: '数量', en: 'Quantity' }, precision: 0, min: 1 },
    { id: 'f_price', type: 'money', label: { zh: '单价', en: 'Unit price' } },
    { id: 'f_fitted', type: 'datetime', label: { zh: '安装时间', en: 'Fitted at' } },
  ],
};

const options = [
  { value: 'oil', label: { zh: '机油', en: 'Oil' }, color: '#ff9900' },
  { value: 'filter', label: { zh: '机滤', en: 'Oil filter' } },
  { value: 'wipers', label: { zh: '雨刮, 前', en: 'Front wipers' } },
];

export const SAMPLES: Record<string, Sample> = {
  text: { values: ['Oil change', '更换机油 5W-30'] },
  textarea: { values: ['Customer reports noise\n前左轮异响'] },
  number: { props: { precision: 2 }, values: [0, 12.35, -7, 1234567.89, 0.01] },
  money: { values: ['1234.50', '-0.01', '0.00', '999999999999999.99'] },
  percent: { values: [0.15, 0.1525, 1.2, 0] },
  date: { values: ['2026-03-01', '1999-12-31', '2024-02-29'] },
  datetime: { values: ['2026-03-01T00:00:00.000Z', '2026-07-01T12:34:56.789Z', '1999-12-31T23:59:59.999Z'] },
  boolean: { values: [true, false] },
  select: { props: { options, display: 'radio' }, values: ['oil', 'wipers'] },
  multiselect: { props: { options }, values: [['oil', 'filter'], ['oil', 'wipers'], ['wipers']] },
  rating: { props: { max: 5 }, values: [1, 5] },
  nps: { values: [0, 7, 10] },
  mileage: { values: [0, 12345, 9999999] },
  phone: { values: ['+8613812345678', '0571-87654321', '010-62345678-8001', '400-820-8820'] },
  email: { values: ['Wang.Li@example.cn', 'service+ro@dealer.com.cn'] },
  url: { values: ['https://www.autohome.com.cn/', 'http://dealer.example.com/ro?id=7'] },
  vin: { values: ['1M8GDM9AXKP042788', 'LFV2A21K8E4123456'] },
  plate: { values: ['京A12345', '粤BD12345', '沪AD12345', '粤B12345D', '粤Z1234港', '京A1234警'] },
  resident_id: { values: ['11010519491231002X', '440305199003071236'] },
  address: {
    values: [
      { province: '330000', city: '330100', district: '330106', detail: '文三路 90 号' },
      { province: '110000', city: '110100', district: '110105' },
      { province: '810000', city: '810100', district: '810103', detail: 'Flat 2, 1 Queen’s Road' },
    ],
  },
  location: {
    values: [
      { lng: 120.15507, lat: 30.274084, address: '杭州西湖店' },
      { lng: -0.1, lat: 51.5 },
    ],
  },
  member: { props: { multiple: true }, values: [['usr_4k9x2m7q1c8d5t3v', 'usr_8m2k4q6x1c3d5t7v']] },
  department: { values: ['dep_4k9x2m7q1c8d5t3v'] },
  attachment: {
    values: [
      [
        { fileId: 'fil_1', name: 'estimate [v2].pdf', size: 12345, mime: 'application/pdf' },
        { fileId: 'fil_2', name: '保险单 2026.docx', size: 0, mime: 'application/vnd.ms-word' },
      ],
    ],
  },
  image: { values: [[{ fileId: 'img_front', name: 'front.jpg', size: 2048, mime: 'image/jpeg' }]] },
  signature: { values: [{ fileId: 'sig_7q1c8d5t3v' }] },
  subform: {
    props: parts,
    values: [
      [
        {
          _id: 'r_abc123',
          f_part: '机油 5W-30',
          f_qty: 4,
          f_price: '89.00',
          f_fitted: '2026-03-01T02:00:00.000Z',
        },
        { _id: 'r_def456', f_part: '机滤' },
      ],
    ],
  },
  relation: { props: { target: 'customers' }, values: ['rec_4k9x2m7q1c8d5t3v'] },
  lookup: {
    props: { relation: 'f_vehicle', targetField: 'f_price', resultType: 'money', multiple: true },
    values: [['12.50', '3.00']],
  },
  rollup: {
    props: { source: { subform: 'f_parts' }, aggregate: 'sum', field: 'f_price', resultType: 'money' },
    values: ['1234.50'],
  },
  serial: {
    props: { pattern: 'RO-{store.code}-{yyMMdd}-{seq:4}', resetEvery: 'day' },
    values: ['RO-SH01-260301-0007'],
  },
  formula: {
    props: { expression: 'f_qty * f_price', resultType: 'number', precision: 2 },
    values: [12.5, -3],
  },
  created_by: { values: ['usr_4k9x2m7q1c8d5t3v'] },
  created_at: { values: ['2026-03-01T00:00:00.000Z'] },
  updated_by: { values: ['usr_4k9x2m7q1c8d5t3v'] },
  updated_at: { values: ['2026-03-01T00:00:00.123Z'] },
  flow_state: { values: ['awaiting_parts'] },
  divider: { props: { title: { zh: '车辆信息', en: 'Vehicle' } }, values: [] },
  description: { props: { content: { zh: '请核对', en: 'Please check' } }, values: [] },
};
