import type { Label, NodeType, WorkflowNode } from '@forecourt/schemas';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { action } from './action';
import { approval } from './approval';
import { cc } from './cc';
import { condition } from './condition';
import { delay } from './delay';
import { end } from './end';
import { fill } from './fill';
import { join } from './join';
import type { NodeKindUi, NodeOf } from './kind';
import { parallel } from './parallel';
import { start } from './start';
import { subflow } from './subflow';

export type { NodeKindUi, SummaryContext } from './kind';

/**
 * Every node kind the designer offers, keyed by the workflow language's node types: a kind missing here
 * does not compile. The order is the palette's. Adding a kind: its module in this folder, a line here.
 */
export const NODE_KINDS: { [K in NodeType]: NodeKindUi<NodeOf<K>> } = {
  start,
  approval,
  fill,
  cc,
  condition,
  parallel,
  join,
  action,
  subflow,
  delay,
  end,
};

/** The kind of a node type, for code that handles any node. */
export function kindOf(type: NodeType): NodeKindUi {
  return NODE_KINDS[type] as unknown as NodeKindUi;
}

/** What "+" on an edge may insert. A start and a join never are (a join comes with its parallel split). */
export type PaletteType = Exclude<NodeType, 'start' | 'join'>;

export const PALETTE: readonly PaletteType[] = (Object.keys(NODE_KINDS) as NodeType[]).filter(
  (type): type is PaletteType => NODE_KINDS[type].placeable,
);

/** A node of the type as the designer first puts it down: valid in shape, to be completed in the panel. */
export function newNode(type: NodeType, id: string, label: Label): WorkflowNode {
  return { id, type, label, ...structuredClone(kindOf(type).defaults) } as WorkflowNode;
}

/** The kind's name in the admin's language. */
export function typeName(t: TFunction, type: NodeType): string {
  return kindOf(type).name(t);
}

/** A new node's label: its kind's name in both languages, whichever the admin reads. */
export function useDefaultLabel(): (type: NodeType) => Label {
  const { i18n } = useTranslation();
  return (type) => ({
    zh: typeName(i18n.getFixedT('zh-CN') as TFunction, type),
    en: typeName(i18n.getFixedT('en') as TFunction, type),
  });
}
