import type { FormDefinition } from '@forecourt/schemas';
import { expect } from 'vitest';
import type { Client } from '../client';
import { field, form, options } from './fields';
import { APP } from './service';

/**
 * The service appointment a customer books themselves through a public link (dealership-templates.md
 * §1.4): who, which car, what service, which day and slot. The booking number is a serial the customer
 * gets back as their reference; the status is the store's to set, and a query link shows it.
 */
export const booking: FormDefinition = {
  ...form('frm_service_booking', APP, '预约保养维修', 'Service booking', [
    field('f_no', 'serial', '预约号', 'Booking no.', { pattern: 'BK-{yyMMdd}-{seq:4}', resetEvery: 'day' }),
    field('f_name', 'text', '姓名', 'Name', {
      required: true,
      maxLength: 40,
      placeholder: { zh: '如 李先生', en: 'e.g. Mr Li' },
    }),
    field('f_mobile', 'phone', '手机号', 'Mobile', { required: true, kinds: ['mobile'] }),
    field('f_plate', 'plate', '车牌号', 'Plate', {
      required: true,
      description: { zh: '如 沪AD12345', en: 'e.g. 沪AD12345' },
    }),
    field('f_model', 'text', '车型', 'Model', {
      maxLength: 60,
      placeholder: { zh: '如 CR-V 2023款', en: 'e.g. CR-V 2023' },
    }),
    field('f_odometer', 'number', '当前里程', 'Odometer', { precision: 0, min: 0, unit: 'km' }),
    field('f_service_type', 'select', '服务类型', 'Service', {
      required: true,
      display: 'radio',
      options: options(
        ['Maintenance', '常规保养', 'Maintenance'],
        ['Repair', '故障维修', 'Repair'],
        ['Warranty', '保修 / 召回', 'Warranty / recall'],
        ['BodyPaint', '钣金喷漆', 'Body & paint'],
        ['Tyres', '轮胎', 'Tyres'],
        ['Inspection', '年检', 'Inspection'],
      ),
    }),
    field('f_date', 'date', '预约日期', 'Date', {
      required: true,
      // Same-day bookings cannot be planned into the workshop: only the server knows "today" for sure.
      validations: [
        {
          kind: 'expression',
          expression: 'f_date > $today()',
          message: { zh: '请选择明天或以后的日期', en: 'Pick a date from tomorrow on' },
        },
      ],
    }),
    field('f_slot', 'select', '时间段', 'Time slot', {
      required: true,
      options: options(
        ['0830', '08:30–10:00', '08:30–10:00'],
        ['1000', '10:00–11:30', '10:00–11:30'],
        ['1300', '13:00–14:30', '13:00–14:30'],
        ['1430', '14:30–16:00', '14:30–16:00'],
        ['1600', '16:00–17:30', '16:00–17:30'],
      ),
    }),
    field('f_wait', 'select', '等候方式', 'While we work', {
      display: 'radio',
      options: options(['Wait', '在店等候', 'I wait'], ['DropOff', '留车', 'I leave the car']),
    }),
    field('f_remarks', 'textarea', '备注 / 故障描述', 'Remarks / symptoms', { maxLength: 500 }),
    field('f_status', 'select', '预约状态', 'Status', {
      readOnly: true,
      default: { kind: 'value', value: 'Submitted' },
      options: options(
        ['Submitted', '已提交', 'Submitted'],
        ['Confirmed', '已确认', 'Confirmed'],
        ['Arrived', '已到店', 'Arrived'],
        ['Completed', '已完成', 'Completed'],
        ['Cancelled', '已取消', 'Cancelled'],
      ),
    }),
  ]),
  description: {
    zh: '在线预约保养与维修，提交后服务顾问会在 30 分钟内电话确认。',
    en: 'Book maintenance or a repair online; a service advisor calls you back within 30 minutes.',
  },
};

/** Installs the booking form with its description (installForms sends only title and fields) and publishes it. */
export async function installBooking(admin: Client): Promise<void> {
  const apps = (await admin.get('/api/apps')).body.apps as { id: string }[];
  if (!apps.some((a) => a.id === APP)) {
    const app = await admin.post('/api/apps', { id: APP, name: { zh: '售后服务', en: 'Service' } });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
  }
  const created = await admin.post(`/api/apps/${APP}/forms`, {
    id: booking.id,
    title: booking.title,
    description: booking.description,
    fields: booking.fields,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await admin.post(`/api/forms/${booking.id}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
}
