import type { FormDefinition } from '../fields/form-schema';
import { FormFields } from './form-fields';
import { buildGraph, graphIssues, isAcyclic } from './graph';
import { isObject } from './issues';
import { conditionIssues, nodeIssues } from './node-rules';
import { pairParallels } from './parallels';
import { shapeIssues, type WorkflowShapeValidator } from './shape';
import type { WorkflowDefinition, WorkflowEdge, WorkflowIssue, WorkflowNode } from './types';

export type { WorkflowSchemaError, WorkflowShapeValidator } from './shape';

/** Nodes and edges must at least be objects with string ids before the graph can be read. */
function frameIssues(definition: Record<string, unknown>): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const list = (key: 'nodes' | 'edges', ends: string[], what: string) => {
    const items = definition[key];
    if (!Array.isArray(items)) {
      issues.push({ path: `/${key}`, message: `A flow needs a list of ${key}.` });
      return;
    }
    items.forEach((item, index) => {
      if (!isObject(item) || ends.some((end) => typeof item[end] !== 'string'))
        issues.push({
          path: `/${key}/${index}`,
          message: `This is not ${what}: it needs ${ends.join(', ')} as text.`,
        });
    });
  };
  list('nodes', ['id', 'type'], 'a node');
  list('edges', ['id', 'from', 'to'], 'an edge');
  return issues;
}

/**
 * Everything wrong with a workflow definition, for the designer and before publishing; empty when it can
 * be published. With `validateShape` (the compiled `workflowDefinitionSchema()`), a definition that does
 * not fit the schema gets the schema's issues only; then the graph rules (ids, one start, ends on every
 * path, no loops, branch and join structure), the nodes' rules and, with `form`, every reference into the
 * form. The browser and the server run the same code.
 */
export function checkWorkflowDefinition(
  definition: unknown,
  form?: FormDefinition,
  validateShape?: WorkflowShapeValidator,
): WorkflowIssue[] {
  if (validateShape && !validateShape(definition)) return shapeIssues(definition, validateShape.errors ?? []);
  if (!isObject(definition))
    return [{ path: '', message: 'A workflow definition is an object with a form id, nodes and edges.' }];
  const frame = frameIssues(definition);
  if (frame.length) return frame;

  const flow = definition as unknown as WorkflowDefinition;
  const issues: WorkflowIssue[] = [];
  if (form && flow.formId !== form.id)
    issues.push({
      path: '/formId',
      message: `This flow is for the form ${String(flow.formId)} but was checked against ${form.id}: attach it to ${form.id}.`,
    });
  const graph = buildGraph(flow.nodes as WorkflowNode[], flow.edges as WorkflowEdge[]);
  const fields = form ? new FormFields(form) : undefined;
  issues.push(...graphIssues(graph));
  if (isAcyclic(graph)) issues.push(...pairParallels(graph).issues);
  issues.push(...nodeIssues(graph, fields));
  issues.push(...conditionIssues(graph, fields));
  return issues;
}
