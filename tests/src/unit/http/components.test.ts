import { Components } from '@forecourt/server';
import { describe, expect, it } from 'vitest';

/** server/src/http/components.ts: the contract's titled shapes become OpenAPI components, embedded ones `$ref`s. */
const string = { type: 'string' };
const Label = { type: 'object', properties: { zh: string, en: string }, title: 'Label' };
const App = { type: 'object', properties: { id: string, name: Label }, title: 'App' };
const Untitled = { type: 'object', properties: { apps: { type: 'array', items: App } } };

describe('API components', () => {
  const components = new Components([Label, App, Untitled, 'not a schema'], [{ $id: 'Error' }]);

  it('registers each titled shape once under its title, its own embedded components as refs', () => {
    expect(components.schemas.map((s) => s.$id)).toEqual(['Label', 'App', 'Error']);
    expect(components.schemas[1]).toEqual({
      ...App,
      properties: { id: string, name: { $ref: 'Label' } },
      $id: 'App',
    });
  });

  it('turns every embedded component of a route schema into a $ref, a copy reading the same too', () => {
    const route = { body: App, response: { 200: Untitled, 201: { properties: { label: { ...Label } } } } };
    expect(components.refer(route)).toEqual({
      body: { $ref: 'App' },
      response: {
        200: { type: 'object', properties: { apps: { type: 'array', items: { $ref: 'App' } } } },
        201: { properties: { label: { $ref: 'Label' } } },
      },
    });
  });

  it('leaves data keywords alone', () => {
    expect(components.refer({ const: App, enum: [Label] })).toEqual({ const: App, enum: [Label] });
  });

  it('refuses a route shape titled like a component that says something else', () => {
    expect(() => components.refer({ body: { type: 'object', title: 'Label' } })).toThrow(/titled Label/);
  });

  it('refuses two different contract shapes with one title', () => {
    expect(() => new Components([Label, { type: 'object', title: 'Label' }])).toThrow(/Two API shapes/);
  });
});
