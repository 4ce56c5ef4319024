import { peopleIn } from '../fields/registry';
import type { FormFields } from './form-fields';
import { type FlowGraph, targets } from './graph';
import { isObject } from './issues';
import { WORKFLOW_LIMITS } from './schema';
import type { ApproverRule, WorkflowNode } from './types';

/** A problem at a path relative to the list of approver rules. */
export interface RuleProblem {
  path: string;
  message: string;
}

const ID_LISTS = {
  users: ['userIds', 'user'],
  roles: ['roleIds', 'role'],
  departmentHeads: ['departmentIds', 'department'],
} as const;

const LEVELS = `1 to ${WORKFLOW_LIMITS.managerLevels} (1 is the head of the submitter's own department)`;

function levelsProblem(levels: unknown): string | undefined {
  if (
    Number.isInteger(levels) &&
    (levels as number) >= 1 &&
    (levels as number) <= WORKFLOW_LIMITS.managerLevels
  )
    return undefined;
  return `Manager levels go from ${LEVELS}; ${JSON.stringify(levels)} is out of range.`;
}

/** One rule: can it resolve to somebody at all? */
function ruleProblems(rule: ApproverRule, form: FormFields | undefined, noPrevious: boolean): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const say = (path: string, message: string) => problems.push({ path, message });
  switch (rule.kind) {
    case 'users':
    case 'roles':
    case 'departmentHeads': {
      const [key, what] = ID_LISTS[rule.kind];
      const ids = (rule as Record<string, unknown>)[key];
      if (!Array.isArray(ids) || ids.length === 0)
        say(`/${key}`, `Pick at least one ${what} for this approver rule.`);
      break;
    }
    case 'submitterManager': {
      const problem = levelsProblem(rule.levels);
      if (problem) say('/levels', problem);
      break;
    }
    case 'managerChain': {
      if (rule.levels === undefined && rule.untilRole === undefined)
        say(
          '',
          `A manager chain needs to know where to stop: give a number of levels (${LEVELS}) or a role to stop at.`,
        );
      const problem = rule.levels === undefined ? undefined : levelsProblem(rule.levels);
      if (problem) say('/levels', problem);
      break;
    }
    case 'field': {
      const field = form?.field(rule.fieldId);
      if (form && !field)
        say(
          '/fieldId',
          `${rule.fieldId} is not a field of ${form.name}: pick a member or department field of the form.`,
        );
      else if (form && field && !peopleIn(field))
        say(
          '/fieldId',
          `${form.describe(field)} is of type ${form.typeName(field)}; approvers can only come from a member or department field.`,
        );
      break;
    }
    case 'chosenByPrevious':
      if (noPrevious)
        say(
          '',
          'Nobody has acted before this step on some path from the start, so there is no previous approver to choose who acts here: use another approver rule, or move the step after an approval or fill step.',
        );
      break;
  }
  return problems;
}

/**
 * Problems of a list of approver rules, with paths relative to the list. `owner` says whose list it is
 * (`"Manager approval"`, `This notification`).
 */
export function approverProblems(
  rules: unknown,
  owner: string,
  form: FormFields | undefined,
  noPrevious: boolean,
): RuleProblem[] {
  if (!Array.isArray(rules) || rules.length === 0)
    return [
      {
        path: '',
        message: `${owner} has nobody to act: add at least one approver rule (users, roles, a manager, a member field of the form…).`,
      },
    ];
  return rules.flatMap((rule, index) =>
    isObject(rule)
      ? ruleProblems(rule as ApproverRule, form, noPrevious).map((problem) => ({
          path: `/${index}${problem.path}`,
          message: problem.message,
        }))
      : [],
  );
}

const ACTORS = new Set<WorkflowNode['type']>(['approval', 'fill']);

/**
 * Nodes reached from the start along some path with no approval or fill step before them: there nobody
 * but the submitter has acted, so `chosenByPrevious` has nobody to ask.
 */
export function withoutPreviousActor(graph: FlowGraph): Set<number> {
  const found = new Set<number>();
  if (graph.start === undefined) return found;
  const queue = [graph.start];
  for (let at = queue.shift(); at !== undefined; at = queue.shift())
    for (const to of targets(graph, at)) {
      if (found.has(to)) continue;
      found.add(to);
      if (!ACTORS.has(graph.nodes[to]?.type as WorkflowNode['type'])) queue.push(to);
    }
  return found;
}
