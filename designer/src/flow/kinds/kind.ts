import type { ApproverRule, FormDefinition, Label, NodeType, WorkflowNode } from '@forecourt/schemas';
import type { TFunction } from 'i18next';
import type { ComponentType, ReactNode } from 'react';

/** The node (or nodes) of the workflow language whose `type` may be `K`: `approval` and `fill` share one. */
export type NodeOf<K extends NodeType> = WorkflowNode extends infer N
  ? N extends { type: infer T }
    ? K extends T
      ? N
      : never
    : never
  : never;

/** A node's own properties, besides its id, type and label. */
export type NodeProperties<N extends WorkflowNode> = Omit<N, 'id' | 'type' | 'label'>;

/** What a summary line may read: the admin's language, names of rules and fields, the form. */
export interface SummaryContext {
  t: TFunction;
  /** The UI language (`zh-CN` or `en`), for numbers and units. */
  language: string;
  ruleText(rule: ApproverRule): string;
  labelText(label: Label | undefined, fallback: string): string;
  form: FormDefinition | undefined;
}

export interface KindPanelProps<N extends WorkflowNode> {
  node: N;
  /** Puts the changed node into the flow at once. */
  set(node: N): void;
}

/**
 * Everything the designer knows about one kind of node, in one module per kind (`kinds/<kind>.tsx`),
 * registered in `kinds/index.ts`. The canvas, the palette and the properties panel only look kinds up.
 */
export interface NodeKindUi<N extends WorkflowNode = WorkflowNode> {
  icon: ReactNode;
  /** Colour of the card's top edge on the canvas. */
  accent: string;
  /** The kind's name; in both languages it is a new node's label. Call `t` with a literal key. */
  name(t: TFunction): string;
  /** Offered by "+" on an edge (a start never; a join only comes with its parallel split). */
  placeable: boolean;
  /** The one line under a node's name on the canvas: who acts and how, or what it does. */
  summary(node: N, context: SummaryContext): string;
  /** A new node's own properties: valid in shape, to be completed in the panel (copied on use). */
  defaults: NodeProperties<N>;
  /** The kind's part of the properties panel, under the names. */
  Panel: ComponentType<KindPanelProps<N>>;
}

/** The node without `key` when `value` is undefined, else with it: optional properties stay absent. */
export function withOptional<T extends object, K extends keyof T>(
  item: T,
  key: K,
  value: T[K] | undefined,
): T {
  const next = { ...item };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
