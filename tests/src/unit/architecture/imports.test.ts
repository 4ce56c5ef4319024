import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The repository's engine sources, read as text: every relative import, type-only ones included. */
const root = resolve(__dirname, '../../../../engine/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']*)'/g)].map((m) => {
    const base = resolve(dirname(file), m[1] as string);
    return [`${base}.ts`, join(base, 'index.ts')].find(existsSync) ?? base;
  });
}

/** A cycle of the graph, as a list of nodes, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The top-level folder of an engine source (`access`, `query`, …); undefined for the root's own files. */
function folderOf(file: string): string | undefined {
  const parts = relative(root, file).split('/');
  return parts.length > 1 ? parts[0] : undefined;
}

/** Which other top-level folders the files of each folder import. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(root)) {
    const from = folderOf(file);
    if (!from) continue;
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const to of importsOf(file).map(folderOf)) if (to && to !== from) targets.add(to);
  }
  return graph;
}

/** Every folder reachable from `start` by imports. */
function reachable(graph: Map<string, Set<string>>, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    for (const next of graph.get(queue.shift() as string) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('engine import graph', () => {
  it('has no cycle between the files of the workflow folder (the step loop imports no node kind)', () => {
    const folder = join(root, 'workflow');
    const files = sources(folder);
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((to) => to.startsWith(folder))]));
    const cycle = findCycle(graph)?.map((f) => relative(root, f));
    expect(cycle).toBeUndefined();
  });

  it('keeps the query compiler below access control: no folder loop between access and query', () => {
    const graph = folderGraph();
    expect(graph.get('access')).toContain('query');
    // Running a query with the user's access is records/query.ts, above both.
    expect([...(graph.get('query') ?? [])]).not.toContain('access');
    // Nor a longer loop: nothing the compiler imports leads back to it.
    expect([...reachable(graph, 'query')]).not.toContain('query');
  });
});
