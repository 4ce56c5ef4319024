import type { FormDefinition } from '@forecourt/schemas';
import { field, form } from './dealership/fields';

/**
 * The dealer group of the access-control acceptance matrix (issue 5): two stores, their people,
 * a lead form with a field hidden from consultants, a vehicle form consultants may not open, and
 * a second workspace. Every record value is a distinctive sentinel, so that a test can tell which
 * records and fields reached a user from the raw text of what they were sent.
 */

export const LEAD = 'frm_mx_lead';
export const VEHICLE = 'frm_mx_vehicle';
export const OTHER = 'frm_mx_other';
export const FORMS = { lead: LEAD, vehicle: VEHICLE, other: OTHER } as const;
export type FormKey = keyof typeof FORMS;

export const vehicleForm = form(VEHICLE, 'app_sales', '车辆', 'Vehicle', [
  field('f_model', 'text', '车型', 'Model', { required: true }),
  field('f_cost', 'text', '成本', 'Cost'),
]);

export const leadForm = form(LEAD, 'app_sales', '线索', 'Lead', [
  field('f_name', 'text', '姓名', 'Name', { required: true }),
  field('f_phone', 'phone', '手机', 'Mobile', { kinds: ['mobile'] }),
  field('f_budget', 'money', '预算', 'Budget'),
  field('f_secret_note', 'text', '内部备注', 'Internal note'),
  field('f_store', 'department', '门店', 'Store'),
  field('f_vehicle', 'relation', '车辆', 'Vehicle', { target: VEHICLE }),
  field('f_vehicle_model', 'lookup', '意向车型', 'Vehicle model', {
    relation: 'f_vehicle',
    targetField: 'f_model',
    resultType: 'text',
  }),
]);

export const otherForm = form(OTHER, 'app_mx_other', '线索', 'Lead', [
  field('f_name', 'text', '姓名', 'Name', { required: true }),
  field('f_secret_note', 'text', '内部备注', 'Internal note'),
]);

export const USERS = [
  'a1',
  'a2',
  'b1',
  'leadB',
  'recA',
  'smA',
  'mgrB',
  'gm',
  'outsider',
  'admin',
  'other',
] as const;
export type UserKey = (typeof USERS)[number];

export type DeptKey = 'group' | 'storeA' | 'aSales' | 'aService' | 'storeB' | 'bSales';

export const ALL_LEAD_FIELDS = leadForm.fields.map((f) => f.id);
export const CONSULTANT_FIELDS = ['f_name', 'f_phone', 'f_budget', 'f_store', 'f_vehicle', 'f_vehicle_model'];
/**
 * What consultants see of it: the vehicle model is a lookup into a form they may not open, so it is
 * hidden from them although their set names it (a hidden form is not read through a lookup).
 */
export const CONSULTANT_SEES = CONSULTANT_FIELDS.filter((id) => id !== 'f_vehicle_model');
export const SERVICE_FIELDS = [
  'f_name',
  'f_phone',
  'f_secret_note',
  'f_store',
  'f_vehicle',
  'f_vehicle_model',
];
export const STORE_B_FIELDS = ['f_name', 'f_store', 'f_budget'];
export const TEAM_FIELDS = ['f_name', 'f_store'];

/** A record the fixture creates: its key (L01), owner, and the sentinel value of each field. */
export interface Seed {
  key: string;
  form: FormKey;
  by: UserKey;
  /** Values sent on create (department and relation values named by key). */
  values: Record<string, string>;
  store?: DeptKey;
  vehicle?: string;
  /** Set afterwards by the workspace admin (consultants may not write it). */
  secret?: string;
  /** Moved to the recycle bin by its owner once the secret was set. */
  deleted?: boolean;
}

const two = (n: number) => String(n).padStart(2, '0');

function leadSeed(n: number, by: UserKey, store?: DeptKey, extra: Partial<Seed> = {}): Seed {
  return {
    key: `L${two(n)}`,
    form: 'lead',
    by,
    values: {
      f_name: `NAME-${two(n)}`,
      f_phone: `1380013${two(n).padStart(4, '0')}`,
      f_budget: `31415${two(n)}.26`,
    },
    store,
    secret: `LEAD-SECRET-${two(n)}`,
    ...extra,
  };
}

const vehicleSeed = (n: number): Seed => ({
  key: `V${two(n)}`,
  form: 'vehicle',
  by: 'admin',
  values: { f_model: `VEHICLE-MODEL-${two(n)}`, f_cost: `VEHICLE-SECRET-${two(n)}` },
});

export const SEEDS: Seed[] = [
  vehicleSeed(1),
  vehicleSeed(2),
  leadSeed(1, 'a1', 'storeA'),
  leadSeed(2, 'a1', 'storeA'),
  leadSeed(3, 'a1'),
  leadSeed(4, 'a2', 'storeA'),
  // Served by store A's consultant, but the customer belongs to store B.
  leadSeed(5, 'a2', 'bSales'),
  leadSeed(6, 'b1', 'storeB'),
  leadSeed(7, 'b1', 'storeB'),
  // The reverse: store B's consultant, a store A customer.
  leadSeed(8, 'b1', 'storeA'),
  // Entered at store A's service desk, for a vehicle it may pick.
  leadSeed(9, 'recA', 'storeA', { vehicle: 'V01' }),
  leadSeed(10, 'a1', 'storeA', { deleted: true }),
  // Store B's team lead: a consultant too.
  leadSeed(11, 'leadB', 'storeB'),
  {
    key: 'O01',
    form: 'other',
    by: 'other',
    values: { f_name: 'OTHER-NAME-01', f_secret_note: 'OTHER-SECRET-01' },
  },
];
export const seedOf = (key: string) => SEEDS.find((s) => s.key === key)!;
export const liveLeads = SEEDS.filter((s) => s.form === 'lead' && !s.deleted).map((s) => s.key);

/**
 * What one user reaches on one form: the records and fields they see, and whether they may export;
 * or, without the view right, lists answer 403 and every record is "not found"; another
 * workspace's form is "not found" on every path.
 */
export type Reach = Seen | { refused: 403 | 404 };

export interface Seen {
  rows: readonly string[];
  /** Fields shown on every row: what filters, sorts, search and export columns may use. */
  fields: readonly string[];
  /** Rows on which a second set shows more fields than `fields`. */
  more?: Readonly<Record<string, readonly string[]>>;
  export: boolean;
  /** Records whose history they read, when not just `rows`. */
  history?: readonly string[];
}

/** The fields a user sees on one of their rows. */
export const fieldsOn = (reach: Seen, key: string) => reach.more?.[key] ?? reach.fields;

const noView: Reach = { refused: 403 };
const foreign: Reach = { refused: 404 };

/** The expected answer of every read, written out by hand from the permission sets below. */
export const REACH: Record<FormKey, Record<UserKey, Reach>> = {
  lead: {
    a1: { rows: ['L01', 'L02', 'L03'], fields: CONSULTANT_SEES, export: false },
    a2: { rows: ['L04', 'L05'], fields: CONSULTANT_SEES, export: false },
    b1: { rows: ['L06', 'L07', 'L08'], fields: CONSULTANT_SEES, export: false },
    // Two sets: their own leads, all but the note; their department's, only name and store.
    leadB: {
      rows: ['L06', 'L07', 'L08', 'L11'],
      fields: TEAM_FIELDS,
      more: { L11: CONSULTANT_SEES },
      export: false,
    },
    // Submit only: adds leads, reads none back.
    recA: noView,
    // Records of store A's departments (their owners' department), whatever the store field says.
    smA: { rows: ['L01', 'L02', 'L03', 'L04', 'L05', 'L09'], fields: SERVICE_FIELDS, export: true },
    // Leads whose store field is store B or below, whoever entered them.
    mgrB: { rows: ['L05', 'L06', 'L07', 'L11'], fields: STORE_B_FIELDS, export: false },
    gm: { rows: liveLeads, fields: ALL_LEAD_FIELDS, export: true },
    outsider: noView,
    admin: { rows: liveLeads, fields: ALL_LEAD_FIELDS, export: true, history: [...liveLeads, 'L10'] },
    other: foreign,
  },
  vehicle: {
    a1: noView,
    a2: noView,
    b1: noView,
    leadB: noView,
    recA: { rows: ['V01', 'V02'], fields: ['f_model'], export: false },
    smA: { rows: ['V01', 'V02'], fields: ['f_model'], export: false },
    mgrB: noView,
    gm: { rows: ['V01', 'V02'], fields: ['f_model', 'f_cost'], export: true },
    outsider: noView,
    admin: { rows: ['V01', 'V02'], fields: ['f_model', 'f_cost'], export: true },
    other: foreign,
  },
  other: {
    ...(Object.fromEntries(USERS.map((u) => [u, foreign])) as Record<UserKey, Reach>),
    other: { rows: ['O01'], fields: ['f_name', 'f_secret_note'], export: true },
  },
};

export const definitionOf: Record<FormKey, FormDefinition> = {
  lead: leadForm,
  vehicle: vehicleForm,
  other: otherForm,
};

/** Every sentinel value of the fixture (not ids: those are no secret). */
export function sentinels(): Map<string, string> {
  const out = new Map<string, string>();
  for (const seed of SEEDS)
    for (const [fieldId, text] of Object.entries(valuesOf(seed))) out.set(text, `${seed.key}.${fieldId}`);
  return out;
}

/** The sentinel of each field of a record, as it appears in any response (money without its cents). */
function valuesOf(seed: Seed): Record<string, string> {
  const values: Record<string, string> = { ...seed.values };
  if (values.f_budget) values.f_budget = values.f_budget.slice(0, 7);
  if (seed.secret) values.f_secret_note = seed.secret;
  if (seed.vehicle) values.f_vehicle_model = seedOf(seed.vehicle).values.f_model!;
  return values;
}

/** The sentinels a user may have been shown: the values of the fields they read on the records they see. */
export function allowedSentinels(user: UserKey): Set<string> {
  const allowed = new Set<string>();
  for (const byUser of Object.values(REACH)) {
    const reach = byUser[user];
    if ('refused' in reach) continue;
    for (const key of reach.history ?? reach.rows) {
      const values = valuesOf(seedOf(key));
      for (const fieldId of fieldsOn(reach, key)) if (values[fieldId]) allowed.add(values[fieldId]);
    }
  }
  return allowed;
}
