import { field, form, options } from './fields';

/** Service and parts master data and the repair order of dealership-templates.md §0, §1.5, §1.6. */
export const APP = 'app_service';

export const part = form('frm_part', APP, '配件', 'Part', [
  field('f_part_no', 'text', '配件号', 'Part no.', {
    required: true,
    unique: true,
    indexed: true,
    maxLength: 40,
  }),
  field('f_name', 'text', '名称', 'Name', { required: true }),
  field('f_category', 'select', '类别', 'Category', {
    options: options(['Filter', '滤清器'], ['Brake', '制动'], ['Oil', '油品']),
  }),
  field('f_price_retail', 'money', '零售价', 'Retail price', { min: 0 }),
  field('f_reorder_point', 'number', '再订货点', 'Reorder point', { precision: 0, min: 0 }),
]);

export const laborOperation = form('frm_labor_op', APP, '工时项目', 'Labor operation', [
  field('f_op_code', 'text', '工时代码', 'Op code', { required: true, unique: true }),
  field('f_name', 'text', '名称', 'Name', { required: true }),
  field('f_std_hours', 'number', '标准工时', 'Standard hours', { precision: 1, min: 0, required: true }),
]);

export const customer = form('frm_customer', APP, '客户', 'Customer', [
  field('f_name', 'text', '姓名', 'Name', { required: true }),
  field('f_mobile', 'phone', '手机', 'Mobile', { required: true, unique: true, kinds: ['mobile'] }),
  field('f_id_no', 'resident_id', '身份证号', 'ID number'),
  field('f_address', 'address', '地址', 'Address'),
  field('f_consent', 'boolean', '同意营销', 'Marketing consent'),
]);

export const vehicle = form('frm_vehicle', APP, '车辆', 'Vehicle', [
  field('f_vin', 'vin', '车架号', 'VIN', { required: true, unique: true }),
  field('f_plate', 'plate', '车牌', 'Plate', { unique: true }),
  field('f_owner', 'relation', '车主', 'Owner', { target: 'frm_customer', required: true }),
  field('f_sale_date', 'date', '销售日期', 'Sale date'),
  field('f_warranty_end', 'formula', '质保到期', 'Warranty end', {
    expression: '$addMonths(f_sale_date, 36)',
    resultType: 'date',
  }),
]);

const laborLine = [
  field('f_op', 'relation', '工时项目', 'Operation', { target: 'frm_labor_op', required: true }),
  field('f_hours', 'number', '工时', 'Hours', { precision: 1, min: 0, required: true }),
  field('f_rate', 'money', '工时单价', 'Rate', { required: true }),
  field('f_disc', 'percent', '折扣', 'Discount', { min: 0, max: 1 }),
  field('f_amount', 'formula', '金额', 'Amount', {
    expression: 'f_hours * f_rate * (1 - ($exists(f_disc) ? f_disc : 0))',
    resultType: 'money',
  }),
];

const partsLine = [
  field('f_part', 'relation', '配件', 'Part', { target: 'frm_part', required: true }),
  field('f_qty', 'number', '数量', 'Qty', { precision: 2, min: 0.01, required: true }),
  field('f_price', 'money', '单价', 'Price', { required: true }),
  field('f_amount', 'formula', '金额', 'Amount', { expression: 'f_qty * f_price', resultType: 'money' }),
];

export const repairOrder = form('frm_repair_order', APP, '维修委托书', 'Repair order', [
  field('f_ro_no', 'serial', '工单号', 'RO no.', { pattern: 'RO-{yyMMdd}-{seq:4}', resetEvery: 'day' }),
  field('f_vehicle', 'relation', '车辆', 'Vehicle', {
    target: 'frm_vehicle',
    required: true,
    copy: { f_plate: 'f_plate' },
  }),
  field('f_plate', 'plate', '车牌', 'Plate'),
  field('f_owner', 'lookup', '车主', 'Owner', {
    relation: 'f_vehicle',
    targetField: 'f_owner',
    resultType: 'text',
  }),
  field('f_odometer_in', 'number', '进厂里程', 'Odometer in', { precision: 0, min: 0, required: true }),
  field('f_type', 'select', '维修类型', 'Type', {
    required: true,
    options: options(
      ['CustomerPay', '客户付费'],
      ['Warranty', '保修'],
      ['Internal', '内部'],
      ['Goodwill', '善意维修'],
    ),
  }),
  field('f_goodwill_reason', 'textarea', '善意维修原因', 'Goodwill reason', {
    visibleIf: "f_type = 'Goodwill'",
    required: true,
  }),
  field('f_promised_at', 'datetime', '承诺交车时间', 'Promised at', { required: true }),
  field('f_advisor', 'member', '服务顾问', 'Advisor', { default: { kind: 'currentUser' } }),
  field('f_labor', 'subform', '工时', 'Labor', { fields: laborLine }),
  field('f_parts', 'subform', '配件', 'Parts', { fields: partsLine }),
  field('f_labor_total', 'rollup', '工时合计', 'Labor total', {
    source: { subform: 'f_labor' },
    aggregate: 'sum',
    field: 'f_amount',
    resultType: 'money',
  }),
  field('f_parts_total', 'rollup', '配件合计', 'Parts total', {
    source: { subform: 'f_parts' },
    aggregate: 'sum',
    field: 'f_amount',
    resultType: 'money',
  }),
  field('f_discount', 'money', '优惠', 'Discount', { min: 0 }),
  field('f_total', 'formula', '合计', 'Total', {
    expression: 'f_labor_total + f_parts_total - ($exists(f_discount) ? f_discount : 0)',
    resultType: 'money',
  }),
]);

export const SERVICE_FORMS = [part, laborOperation, customer, vehicle, repairOrder];
