import type { WorkflowDefinition } from '@forecourt/schemas';
import { useCallback, useEffect, useState } from 'react';
import type { DirectoryDepartment, DirectoryRole, FlowDesignerServices } from './services';

/** Roles and departments (few: loaded once) and the names of the users the flow names. */
export function useDirectory(services: FlowDesignerServices, draft: WorkflowDefinition | null) {
  const [roles, setRoles] = useState<DirectoryRole[]>([]);
  const [departments, setDepartments] = useState<DirectoryDepartment[]>([]);
  const [userNames, setUserNames] = useState<Map<string, string>>(new Map());
  const rememberUsers = useCallback((users: { id: string; name: string }[]) => {
    setUserNames((known) => {
      if (users.every((u) => known.get(u.id) === u.name)) return known;
      const next = new Map(known);
      for (const u of users) next.set(u.id, u.name);
      return next;
    });
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the draft as loaded
  useEffect(() => {
    void services.roles().then(setRoles, () => undefined);
    void services.departments().then(setDepartments, () => undefined);
    const named = new Set<string>();
    for (const node of draft?.nodes ?? [])
      if ('approvers' in node)
        for (const rule of node.approvers ?? [])
          if (rule.kind === 'users') for (const id of rule.userIds) named.add(id);
    if (named.size) void services.usersByIds([...named].slice(0, 100)).then(rememberUsers, () => undefined);
  }, []);
  return { roles, departments, userNames, rememberUsers };
}
