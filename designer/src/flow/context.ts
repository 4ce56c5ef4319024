import type { FormDefinition, WorkflowDefinition } from '@forecourt/schemas';
import { createContext, useContext } from 'react';
import type { PaletteType } from './kinds';
import type { DirectoryDepartment, DirectoryRole, FlowDesignerServices } from './services';

/** What the canvas and the panels share: the flow's edits and what they need to show names. */
export interface FlowDesignerContextValue {
  flow: WorkflowDefinition;
  form: FormDefinition | undefined;
  services: FlowDesignerServices;
  roles: DirectoryRole[];
  departments: DirectoryDepartment[];
  /** User id → name, for users the flow names (filled as the designer loads or picks them). */
  userNames: Map<string, string>;
  rememberUsers(users: { id: string; name: string }[]): void;
  select(id: string | undefined): void;
  insert(edgeId: string, type: PaletteType): void;
  remove(nodeId: string): void;
  addBranch(splitId: string): void;
  removeBranch(edgeId: string): void;
  change(flow: WorkflowDefinition): void;
}

export const FlowDesignerContext = createContext<FlowDesignerContextValue | undefined>(undefined);

export function useFlowDesigner(): FlowDesignerContextValue {
  const value = useContext(FlowDesignerContext);
  if (!value) throw new Error('useFlowDesigner outside FlowDesigner');
  return value;
}
