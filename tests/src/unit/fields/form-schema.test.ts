import {
  checkFormDefinition,
  FIELD_TYPES,
  type FieldTypeName,
  type FormDefinition,
  formDefinitionSchema,
  SUBFORM_CHILD_EXCLUDED,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { newAjv } from './support';

const L = (zh: string, en: string) => ({ zh, en });

/** A repair order as a Chinese 4S store would build it: customer, vehicle, labour and parts. */
function repairOrder(): FormDefinition {
  return {
    id: 'repair_order',
    app: 'after_sales',
    title: L('维修工单', 'Repair order'),
    description: L('进厂维修的车辆', 'Vehicles in for repair'),
    sections: [
      { id: 'vehicle', title: L('车辆', 'Vehicle') },
      { id: 'work', title: L('作业', 'Work') },
    ],
    fields: [
      {
        id: 'f_ro_no',
        type: 'serial',
        label: L('工单号', 'RO number'),
        pattern: 'RO-{store.code}-{yyMMdd}-{seq:4}',
        resetEvery: 'day',
      },
      {
        id: 'f_customer',
        type: 'relation',
        label: L('客户', 'Customer'),
        target: 'customers',
        required: true,
        copy: { f_mobile: 'f_phone' },
      },
      { id: 'f_phone', type: 'phone', label: L('联系电话', 'Phone'), kinds: ['mobile'] },
      {
        id: 'f_vin',
        type: 'vin',
        label: L('车架号', 'VIN'),
        required: true,
        indexed: true,
        layout: { width: 2, section: 'vehicle' },
      },
      { id: 'f_plate', type: 'plate', label: L('车牌号', 'Plate'), layout: { section: 'vehicle' } },
      {
        id: 'f_mileage',
        type: 'number',
        label: L('进厂里程', 'Odometer'),
        precision: 0,
        min: 0,
        unit: 'km',
        validations: [
          { kind: 'range', min: 0, max: 2_000_000, message: L('里程不合理', 'Implausible odometer') },
        ],
      },
      {
        id: 'f_arrived',
        type: 'datetime',
        label: L('进厂时间', 'Arrived'),
        default: { kind: 'expression', expression: 'now()' },
      },
      {
        id: 'f_advisor',
        type: 'member',
        label: L('服务顾问', 'Service advisor'),
        default: { kind: 'currentUser' },
      },
      {
        id: 'f_kind',
        type: 'select',
        label: L('维修类型', 'Kind'),
        display: 'radio',
        options: [
          { value: 'maintenance', label: L('保养', 'Maintenance'), color: '#2e7d32' },
          { value: 'repair', label: L('维修', 'Repair') },
          { value: 'warranty', label: L('索赔', 'Warranty') },
        ],
      },
      {
        id: 'f_complaint',
        type: 'textarea',
        label: L('客户描述', 'Complaint'),
        visibleIf: 'f_kind != "maintenance"',
      },
      {
        id: 'f_photos',
        type: 'image',
        label: L('环车照片', 'Walk-around photos'),
        maxFiles: 8,
        cameraOnly: true,
      },
      { id: 'f_divider', type: 'divider', label: L('作业', 'Work'), title: L('作业项目', 'Jobs') },
      {
        id: 'f_labor',
        type: 'subform',
        label: L('工时', 'Labour'),
        layout: { section: 'work' },
        fields: [
          { id: 'f_job', type: 'text', label: L('项目', 'Job'), required: true },
          { id: 'f_tech', type: 'member', label: L('技师', 'Technician') },
          { id: 'f_hours', type: 'number', label: L('工时', 'Hours'), precision: 1, min: 0 },
          { id: 'f_rate', type: 'money', label: L('工时单价', 'Rate') },
          {
            id: 'f_labor_amount',
            type: 'formula',
            label: L('金额', 'Amount'),
            expression: 'f_hours * f_rate',
            resultType: 'money',
          },
        ],
      },
      {
        id: 'f_parts',
        type: 'subform',
        label: L('配件', 'Parts'),
        maxRows: 100,
        layout: { section: 'work' },
        fields: [
          { id: 'f_part', type: 'relation', label: L('配件', 'Part'), target: 'parts', required: true },
          {
            id: 'f_part_name',
            type: 'lookup',
            label: L('名称', 'Name'),
            relation: 'f_part',
            targetField: 'f_name',
            resultType: 'text',
          },
          { id: 'f_qty', type: 'number', label: L('数量', 'Quantity'), precision: 0, min: 1 },
          { id: 'f_price', type: 'money', label: L('单价', 'Unit price'), min: 0 },
          {
            id: 'f_amount',
            type: 'formula',
            label: L('金额', 'Amount'),
            expression: 'f_qty * f_price',
            resultType: 'money',
          },
        ],
      },
      {
        id: 'f_parts_total',
        type: 'rollup',
        label: L('配件合计', 'Parts total'),
        source: { subform: 'f_parts' },
        aggregate: 'sum',
        field: 'f_amount',
        resultType: 'money',
      },
      {
        id: 'f_total',
        type: 'formula',
        label: L('合计', 'Total'),
        expression: 'f_parts_total + sum(f_labor.f_labor_amount)',
        resultType: 'money',
      },
      { id: 'f_discount', type: 'percent', label: L('折扣', 'Discount'), max: 1 },
      { id: 'f_signature', type: 'signature', label: L('客户签字', 'Customer signature') },
      {
        id: 'f_terms',
        type: 'description',
        label: L('条款', 'Terms'),
        content: L('旧件客户带走', 'Old parts go to the customer'),
      },
      { id: 'f_state', type: 'flow_state', label: L('状态', 'State') },
      { id: 'f_created', type: 'created_at', label: L('创建时间', 'Created') },
    ],
  };
}

describe('the form meta-schema', () => {
  for (const discriminator of [false, true]) {
    describe(discriminator ? 'with Ajv discriminator support' : 'as plain oneOf', () => {
      const validate = newAjv({ discriminator }).compile(formDefinitionSchema());

      it('accepts a realistic repair order', () => {
        expect(validate(repairOrder()), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      });

      it('refuses an unknown property on a field', () => {
        const form = repairOrder();
        Object.assign(form.fields[3] as object, { scanner: true });
        expect(validate(form)).toBe(false);
      });

      it('refuses an unknown property in a subform column', () => {
        const form = repairOrder();
        const labour = form.fields.find((field) => field.id === 'f_labor') as unknown as {
          fields: Record<string, unknown>[];
        };
        Object.assign(labour.fields[2] as object, { colour: 'red' });
        expect(validate(form)).toBe(false);
      });

      it('refuses unknown types, nested tables and a missing label', () => {
        const unknown = repairOrder();
        // An unregistered type name, as a client may send it (the compiler knows better).
        unknown.fields.push({ id: 'f_x', type: 'colour' as FieldTypeName, label: L('x', 'X') });
        expect(validate(unknown)).toBe(false);
        const nested = repairOrder();
        const parts = nested.fields.find((field) => field.id === 'f_parts') as unknown as {
          fields: unknown[];
        };
        parts.fields.push({ id: 'f_sub', type: 'subform', label: L('s', 'S'), fields: [] });
        expect(validate(nested)).toBe(false);
        const unlabelled = repairOrder();
        delete (unlabelled.fields[0] as { label?: unknown }).label;
        expect(validate(unlabelled)).toBe(false);
      });

      it('refuses a wrongly typed type property and a top-level extra', () => {
        const form = repairOrder();
        Object.assign(form.fields[5] as object, { precision: 'two' });
        expect(validate(form)).toBe(false);
        expect(validate({ ...repairOrder(), owner: 'me' })).toBe(false);
      });
    });
  }

  it('has one branch per type and a narrower union for columns', () => {
    const schema = formDefinitionSchema() as { $defs: Record<string, { oneOf: unknown[] }> };
    expect(schema.$defs.field?.oneOf).toHaveLength(FIELD_TYPES.length);
    expect(schema.$defs.column?.oneOf).toHaveLength(FIELD_TYPES.length - SUBFORM_CHILD_EXCLUDED.size);
  });
});

describe('checkFormDefinition', () => {
  it('finds nothing wrong with the repair order', () => {
    expect(checkFormDefinition(repairOrder())).toEqual([]);
  });

  it('reports a duplicate field id that the schema cannot see', () => {
    const form = repairOrder();
    form.fields.push({ id: 'f_vin', type: 'text', label: L('重复', 'Duplicate') });
    expect(newAjv().compile(formDefinitionSchema())(form)).toBe(true);
    expect(checkFormDefinition(form)).toEqual([
      { path: `/fields/${form.fields.length - 1}/id`, message: 'The id f_vin is already used by field 4.' },
    ]);
  });

  it('reports malformed ids, duplicate columns, options and sections, and min above max', () => {
    const form = repairOrder();
    (form.fields[0] as { id: string }).id = 'RO number';
    const parts = form.fields.find((field) => field.id === 'f_parts') as unknown as {
      fields: { id: string }[];
    };
    (parts.fields[1] as { id: string }).id = 'f_part';
    const kind = form.fields.find((field) => field.id === 'f_kind') as unknown as {
      options: { value: string }[];
    };
    (kind.options[2] as { value: string }).value = 'repair';
    Object.assign(form.fields.find((field) => field.id === 'f_mileage') as object, { min: 10, max: 5 });
    form.sections?.push({ id: 'vehicle', title: L('再次', 'Again') });
    const issues = checkFormDefinition(form);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '/sections/2/id', message: 'Two sections have the id vehicle.' },
        { path: '/fields/0/id', message: 'A field id is f_ then up to 40 lowercase letters, digits or _.' },
        { path: '/fields/5', message: 'The minimum is larger than the maximum.' },
        { path: '/fields/8', message: 'Two options have the value "repair".' },
        { path: '/fields/13/fields/1/id', message: 'Two columns have the id f_part.' },
      ]),
    );
    expect(issues).toHaveLength(5);
  });

  it('reports references to fields that are missing or of the wrong type', () => {
    const form = repairOrder();
    form.fields.push(
      {
        id: 'f_bad_lookup',
        type: 'lookup',
        label: L('a', 'A'),
        relation: 'f_vin',
        targetField: 'f_x',
        resultType: 'text',
      },
      {
        id: 'f_bad_rollup',
        type: 'rollup',
        label: L('b', 'B'),
        source: { subform: 'f_parts' },
        aggregate: 'sum',
        field: 'f_nope',
      },
      {
        id: 'f_bad_copy',
        type: 'relation',
        label: L('c', 'C'),
        target: 'vehicles',
        copy: { f_model: 'f_model' },
      },
      { id: 'f_bad_section', type: 'text', label: L('d', 'D'), layout: { section: 'paint' } },
    );
    const n = form.fields.length;
    expect(checkFormDefinition(form)).toEqual([
      { path: `/fields/${n - 1}/layout/section`, message: 'There is no section paint.' },
      { path: `/fields/${n - 4}/relation`, message: 'f_vin is not a related-record field of this form.' },
      { path: `/fields/${n - 3}/field`, message: 'f_nope is not a column of f_parts.' },
      { path: `/fields/${n - 2}/copy/f_model`, message: 'f_model is not a field of this form.' },
    ]);
  });

  it('limits a form to 500 fields and refuses what is not a form', () => {
    const fields = Array.from({ length: 501 }, (_, i) => ({
      id: `f_${i}`,
      type: 'text',
      label: L('t', 'T'),
    }));
    expect(checkFormDefinition({ ...repairOrder(), fields })).toEqual([
      { path: '/fields', message: 'A form can have at most 500 fields.' },
    ]);
    expect(checkFormDefinition('form')).toEqual([{ path: '', message: 'A form definition is an object.' }]);
    expect(checkFormDefinition({ fields: 3 })).toEqual([
      { path: '/fields', message: 'A form needs a list of fields.' },
    ]);
  });

  it('reports validations with min above max', () => {
    const form = repairOrder();
    Object.assign(form.fields[5] as object, { validations: [{ kind: 'length', min: 5, max: 2 }] });
    expect(checkFormDefinition(form)).toEqual([
      { path: '/fields/5/validations/0', message: 'The minimum is larger than the maximum.' },
    ]);
  });
});
