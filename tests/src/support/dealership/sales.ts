import { field, form, options } from './fields';

/** Leads with their follow-ups and quotes (dealership-templates.md §1.1), and expense claims (§1.7). */
export const APP = 'app_sales';

export const lead = form('frm_lead', APP, '线索', 'Lead', [
  field('f_name', 'text', '姓名', 'Name', { required: true }),
  field('f_mobile', 'phone', '手机', 'Mobile', { required: true, kinds: ['mobile'] }),
  field('f_source', 'select', '来源', 'Source', {
    required: true,
    options: options(
      ['WalkIn', '到店'],
      ['PhoneIn', '来电'],
      ['Autohome', '汽车之家'],
      ['Douyin', '抖音'],
      ['Referral', '转介绍'],
    ),
  }),
  field('f_intent', 'select', '意向级别', 'Intent', {
    options: options(['H', 'H ≤7天'], ['A', 'A ≤15天'], ['B', 'B ≤30天'], ['C', 'C ≤90天']),
  }),
  field('f_models', 'multiselect', '意向车型', 'Models of interest', {
    options: options(['SUV', 'SUV'], ['Sedan', '轿车'], ['NEV', '新能源']),
  }),
  field('f_trade_in', 'boolean', '置换', 'Trade-in'),
  field('f_next_follow_up', 'date', '下次跟进', 'Next follow-up', { required: true }),
  field('f_follow_ups', 'subform', '跟进记录', 'Follow-ups', {
    fields: [
      field('f_type', 'select', '方式', 'Type', {
        options: options(['Call', '电话'], ['WeChat', '微信'], ['Visit', '到店']),
      }),
      field('f_at', 'datetime', '时间', 'At', { required: true }),
      field('f_outcome', 'textarea', '结果', 'Outcome', { required: true }),
    ],
  }),
  field('f_follow_up_count', 'rollup', '跟进次数', 'Follow-ups', {
    source: { subform: 'f_follow_ups' },
    aggregate: 'count',
  }),
]);

export const quote = form('frm_quote', APP, '报价单', 'Quote', [
  field('f_lead', 'relation', '线索', 'Lead', { target: 'frm_lead', required: true }),
  field('f_msrp', 'money', '指导价', 'MSRP', { required: true, min: 0 }),
  field('f_discount', 'money', '优惠', 'Discount', { min: 0 }),
  field('f_price', 'formula', '成交价', 'Price', {
    expression: 'f_msrp - ($exists(f_discount) ? f_discount : 0)',
    resultType: 'money',
  }),
  field('f_discount_pct', 'formula', '优惠比例', 'Discount %', {
    expression: '$exists(f_discount) ? $round(f_discount / f_msrp, 4) : 0',
    resultType: 'number',
    precision: 4,
  }),
  field('f_accessories', 'subform', '精品', 'Accessories', {
    fields: [
      field('f_item', 'text', '项目', 'Item', { required: true }),
      field('f_price', 'money', '价格', 'Price', { required: true }),
    ],
  }),
  field('f_accessories_total', 'rollup', '精品合计', 'Accessories', {
    source: { subform: 'f_accessories' },
    aggregate: 'sum',
    field: 'f_price',
    resultType: 'money',
  }),
  field('f_total', 'formula', '总价', 'Total', {
    expression: 'f_price + ($exists(f_accessories_total) ? f_accessories_total : 0)',
    resultType: 'money',
  }),
  field('f_valid_until', 'date', '有效期至', 'Valid until', {
    default: { kind: 'expression', expression: '$addDays($today(), 7)' },
  }),
]);

export const expenseClaim = form('frm_expense', 'app_admin', '费用报销', 'Expense claim', [
  field('f_claim_no', 'serial', '报销单号', 'Claim no.', {
    pattern: 'EX-{yyyyMM}-{seq:5}',
    resetEvery: 'month',
  }),
  field('f_employee', 'member', '报销人', 'Employee', { default: { kind: 'currentUser' } }),
  field('f_lines', 'subform', '明细', 'Lines', {
    minRows: 1,
    fields: [
      field('f_category', 'select', '类别', 'Category', {
        required: true,
        options: options(
          ['Travel', '差旅'],
          ['Entertainment', '招待'],
          ['FuelToll', '油费路桥'],
          ['Office', '办公'],
        ),
      }),
      field('f_date', 'date', '日期', 'Date', { required: true }),
      field('f_amount', 'money', '金额', 'Amount', { required: true, min: 0.01 }),
      field('f_invoice_no', 'text', '发票号', 'Invoice no.', { required: true }),
    ],
  }),
  field('f_total', 'rollup', '合计', 'Total', {
    source: { subform: 'f_lines' },
    aggregate: 'sum',
    field: 'f_amount',
    resultType: 'money',
  }),
  field('f_advance', 'money', '借款', 'Advance', { min: 0 }),
  field('f_net', 'formula', '应付', 'Net', {
    expression: 'f_total - ($exists(f_advance) ? f_advance : 0)',
    resultType: 'money',
  }),
]);
