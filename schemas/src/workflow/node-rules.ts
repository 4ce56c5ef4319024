import { pointerSegment } from '../fields/types/subform';
import { approverProblems, withoutPreviousActor } from './approvers';
import { delayIssues } from './delay';
import { expressionProblems, type FormFields } from './form-fields';
import type { FlowGraph } from './graph';
import { edgeIssue, edgeName, isObject, nodeIssue, nodeName } from './issues';
import type { AutomaticAction, Deadline, WorkflowIssue, WorkflowNode } from './types';

/**
 * What each node says about the form and the people: approver rules that can resolve, field permissions
 * and deadlines on real fields, automatic actions that can run. Rules about the form run only when the
 * form is given.
 */

type Say = (message: string, sub?: string) => void;

function permissionIssues(permissions: unknown, form: FormFields, say: Say, node: string): void {
  if (!isObject(permissions)) return;
  for (const [id, permission] of Object.entries(permissions)) {
    const at = `/fieldPermissions/${pointerSegment(id)}`;
    const field = form.field(id);
    if (!field)
      say(`${id} is not a field of ${form.name}: remove it from the field permissions of ${node}.`, at);
    else if ((permission === 'edit' || permission === 'required') && !form.holdsInput(field))
      say(
        `${form.describe(field)} is of type ${form.typeName(field)}, which nobody types into, so it cannot be ${permission === 'edit' ? 'editable' : 'required'}: make it read or hidden.`,
        at,
      );
  }
}

function deadlineIssues(deadline: Deadline | undefined, form: FormFields | undefined, say: Say): void {
  if (!isObject(deadline) || !isObject(deadline.after)) return;
  const after = deadline.after as Record<string, unknown>;
  const problem =
    typeof after.field === 'string' &&
    form?.dateProblem(
      after.field,
      'pick a date or date-time field for the deadline',
      'a deadline can only come from a date or date-time field',
    );
  if (problem) say(problem, '/deadline/after/field');
  if (typeof after.minutes === 'number' && Array.isArray(deadline.remindBefore))
    deadline.remindBefore.forEach((before, index) => {
      if (typeof before === 'number' && before >= (after.minutes as number))
        say(
          `A reminder ${before} minutes before a deadline ${after.minutes} minutes after the task arrives would come before the task itself: remind fewer minutes before.`,
          `/deadline/remindBefore/${index}`,
        );
    });
}

function webhookProblem(url: unknown): string | undefined {
  if (typeof url !== 'string') return 'A webhook needs the URL to call.';
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname)
    return `A webhook URL starts with https:// (or http://) and names a host, like https://example.com/hooks/quote; "${url}" does not.`;
  return undefined;
}

function valueIssues(
  values: unknown,
  form: FormFields | undefined,
  ownForm: boolean,
  say: Say,
  at: string,
): void {
  if (!isObject(values)) return;
  for (const [id, source] of Object.entries(values)) {
    const path = `${at}/values/${pointerSegment(id)}`;
    const field = ownForm ? form?.field(id) : undefined;
    if (form && ownForm && !field)
      say(`${id} is not a field of ${form.name}: pick a field of this form to update.`, path);
    else if (form && field && !form.holdsInput(field))
      say(
        `${form.describe(field)} is of type ${form.typeName(field)}, computed by the server: an action cannot set it.`,
        path,
      );
    if (typeof source === 'string')
      for (const message of expressionProblems(source, `The value for ${id}`, form)) say(message, path);
  }
}

function actionIssues(
  action: AutomaticAction,
  form: FormFields | undefined,
  say: Say,
  at: string,
  noPrevious: boolean,
) {
  switch (action.kind) {
    case 'updateRecord':
      if (!isObject(action.values) || Object.keys(action.values).length === 0)
        say('An update needs at least one field to set.', `${at}/values`);
      valueIssues(action.values, form, true, say, at);
      break;
    case 'createRecord':
      if (typeof action.formId !== 'string' || action.formId === '')
        say('Say in which form the new record is created.', `${at}/formId`);
      valueIssues(action.values, form, false, say, at);
      break;
    case 'webhook': {
      const problem = webhookProblem(action.url);
      if (problem) say(problem, `${at}/url`);
      break;
    }
    case 'notify':
      for (const problem of approverProblems(action.approvers, 'This notification', form, noPrevious))
        say(problem.message, `${at}/approvers${problem.path}`);
      break;
  }
}

function oneNode(node: WorkflowNode, form: FormFields | undefined, noPrevious: boolean, say: Say): void {
  const name = nodeName(node);
  if (node.type === 'approval' || node.type === 'fill' || node.type === 'cc')
    for (const problem of approverProblems(node.approvers, name, form, noPrevious))
      say(problem.message, `/approvers${problem.path}`);
  if (form && (node.type === 'start' || node.type === 'approval' || node.type === 'fill'))
    permissionIssues(node.fieldPermissions, form, say, name);
  if (node.type === 'approval' || node.type === 'fill') deadlineIssues(node.deadline, form, say);
  if (node.type === 'action') {
    if (!Array.isArray(node.actions) || node.actions.length === 0)
      say(`${name} has no actions: add at least one, or delete the node.`, '/actions');
    else
      node.actions.forEach((action, index) => {
        if (isObject(action)) actionIssues(action, form, say, `/actions/${index}`, noPrevious);
      });
  }
  if (node.type === 'delay') delayIssues(node, form, say);
  if (node.type === 'subflow' && form && typeof node.relationField === 'string') {
    const field = form.field(node.relationField);
    if (field?.type !== 'relation')
      say(
        `${node.relationField} is not a related-record field of ${form.name}: a sub-flow runs on the records a relation field points at.`,
        '/relationField',
      );
  }
}

export function nodeIssues(graph: FlowGraph, form: FormFields | undefined): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const noPrevious = withoutPreviousActor(graph);
  graph.nodes.forEach((node, index) => {
    if (graph.duplicates.has(index)) return;
    oneNode(node, form, noPrevious.has(index), (message, sub = '') =>
      issues.push(nodeIssue(graph.nodes, index, message, sub)),
    );
  });
  return issues;
}

/** Branch conditions compile and read only fields of the form. */
export function conditionIssues(graph: FlowGraph, form: FormFields | undefined): WorkflowIssue[] {
  return graph.edges.flatMap((edge, index) =>
    typeof edge.condition === 'string'
      ? expressionProblems(edge.condition, `The condition of edge ${edgeName(edge)}`, form).map((message) =>
          edgeIssue(graph.edges, index, message, '/condition'),
        )
      : [],
  );
}
