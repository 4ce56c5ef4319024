/**
 * The bridge to react-jsonschema-form (@rjsf/core with the @rjsf/antd theme): a form definition becomes a
 * JSON Schema of one property per field, each drawn by the one rjsf field `forecourt`, which hands it to
 * the widget registered for the field's type. rjsf lays the form out (antd Form.Item: label bound to the
 * input, required mark, description, error text); values and checks are ours. Validation is the server's
 * (the same registry normalises every value there), so rjsf gets a validator that finds nothing: AJV would
 * also need `new Function`, which the app's CSP rightly forbids.
 */
import type { FieldDef, FormSection } from '@forecourt/schemas';
import type {
  ErrorSchema,
  FieldProps,
  FieldTemplateProps,
  ObjectFieldTemplateProps,
  RJSFSchema,
  UiSchema,
  ValidatorType,
} from '@rjsf/utils';
import { Form } from 'antd';
import { createContext, useContext } from 'react';
import { widgetFor } from './registry';
import { inSectionOrder, SectionedGrid, sectionOf } from './sections';
import type { FieldErrors, FormData } from './types';

export const noValidation: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({ errors: [] }),
};

/** How one field is drawn: passed to the rjsf field through the uiSchema. */
export interface FieldPlacement {
  field: FieldDef;
  readOnly: boolean;
  /** antd grid columns out of 24. */
  span: number;
  /** The section the field is drawn in; '' for the top of the form. */
  section: string;
}

/** The renderer's live state the rjsf field reads (rjsf passes only its own props down). */
export interface RendererState {
  data: FormData;
  errors: Record<string, FieldErrors>;
  setField(fieldId: string, value: unknown): void;
}

export const RendererContext = createContext<RendererState>({
  data: {},
  errors: {},
  setField: () => undefined,
});

/** The rjsf field for every property: finds the type's widget and gives it the value and errors. */
export function ForecourtField(props: FieldProps) {
  const state = useContext(RendererContext);
  const placement = (props.uiSchema?.['ui:options'] as { placement?: FieldPlacement } | undefined)?.placement;
  if (!placement) return null;
  const { field, readOnly } = placement;
  const widget = widgetFor(field.type);
  const errors = state.errors[field.id] ?? {};
  return (
    <widget.Component
      field={field}
      id={props.fieldPathId.$id}
      value={state.data[field.id] as never}
      onChange={(value) => state.setField(field.id, value)}
      readOnly={readOnly || !!widget.computed}
      invalid={(errors[''] ?? []).length > 0}
      errors={errors}
    />
  );
}

/** A 24-column grid per section: each field takes the span its placement says (one column on a phone). */
export function GridObjectTemplate({ properties, uiSchema }: ObjectFieldTemplateProps) {
  const sections = (uiSchema?.['ui:options'] as { sections?: FormSection[] } | undefined)?.sections ?? [];
  const cells = properties
    .filter((property) => !property.hidden)
    .map((property) => {
      const placement = (uiSchema?.[property.name]?.['ui:options'] as { placement?: FieldPlacement })
        ?.placement;
      return {
        key: property.name,
        section: placement?.section ?? '',
        span: placement?.span ?? 24,
        content: property.content,
      };
    });
  return <SectionedGrid cells={cells} sections={sections} />;
}

/**
 * Each field in an antd Form.Item: its label bound to the input (`htmlFor`), the required mark, the
 * description and the error text. rjsf hides labels of custom fields, so this template always shows
 * them, except for layout items and the root object.
 */
export function FieldItemTemplate(props: FieldTemplateProps) {
  const { id, label, required, rawErrors, rawDescription, children, uiSchema } = props;
  const placement = (uiSchema?.['ui:options'] as { placement?: FieldPlacement } | undefined)?.placement;
  if (!placement) return children;
  if (widgetFor(placement.field.type).layout) return <div className="fill-layout-item">{children}</div>;
  const errors = rawErrors ?? [];
  return (
    <Form.Item
      className="fill-item"
      label={label}
      htmlFor={id}
      required={required}
      colon={false}
      layout="vertical"
      validateStatus={errors.length ? 'error' : undefined}
      help={errors.length ? errors.join(' ') : undefined}
      extra={rawDescription || undefined}
    >
      {children}
    </Form.Item>
  );
}

export interface SchemaInput {
  fields: FieldDef[];
  sections?: readonly FormSection[];
  label(label: FieldDef['label'] | undefined): string;
  phone: boolean;
  hidden: ReadonlySet<string>;
  readOnly: ReadonlySet<string> | 'all';
}

const SPANS = { 1: 6, 2: 12, 3: 18, 4: 24 } as const;

/** The JSON Schema and uiSchema rjsf renders: shown fields in order, required ones marked. */
export function schemaOf(input: SchemaInput): { schema: RJSFSchema; uiSchema: UiSchema } {
  const properties: Record<string, RJSFSchema> = {};
  const sections = input.sections ?? [];
  const known = new Set(sections.map((section) => section.id));
  const uiSchema: UiSchema = {
    'ui:submitButtonOptions': { norender: true },
    'ui:options': { sections },
  };
  const required: string[] = [];
  for (const field of inSectionOrder(input.fields, sections)) {
    if (field.hidden || input.hidden.has(field.id)) continue;
    const widget = widgetFor(field.type);
    properties[field.id] = { title: input.label(field.label) };
    if (field.required && !widget.computed && !widget.layout) required.push(field.id);
    const width = field.layout?.width;
    const span = input.phone || widget.layout || widget.wide ? 24 : width ? SPANS[width] : 12;
    const placement: FieldPlacement = {
      field,
      span,
      section: sectionOf(field, known),
      readOnly: input.readOnly === 'all' || input.readOnly.has(field.id) || field.readOnly === true,
    };
    const description = input.label(field.description);
    uiSchema[field.id] = {
      'ui:field': 'forecourt',
      'ui:options': { placement, ...(widget.layout ? { label: false } : {}) },
      ...(description && !widget.layout ? { 'ui:description': description } : {}),
    };
  }
  return { schema: { type: 'object', properties, required }, uiSchema };
}

/** Field-level messages for rjsf to show under each field; cell messages stay with the table widget. */
export function rjsfErrors(errors: Record<string, FieldErrors>): ErrorSchema {
  const schema: Record<string, { __errors: string[] }> = {};
  for (const [fieldId, byPath] of Object.entries(errors)) {
    const own = byPath[''];
    if (fieldId && own?.length) schema[fieldId] = { __errors: own };
  }
  return schema as ErrorSchema;
}
