import '@xyflow/react/dist/style.css';
import type { WorkflowDefinition } from '@forecourt/schemas';
import {
  Background,
  Controls,
  type EdgeTypes,
  MarkerType,
  type NodeTypes,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { BranchCard } from './BranchCard';
import { FlowNodeCard } from './FlowNodeCard';
import { InsertEdge } from './InsertEdge';
import { layoutFlow } from './layout';

const nodeTypes: NodeTypes = { flowNode: FlowNodeCard as never, branch: BranchCard as never };
const edgeTypes: EdgeTypes = { insert: InsertEdge as never };
const keepClickable = () => undefined;

interface CanvasProps {
  flow: WorkflowDefinition;
  invalid: { nodes: Set<string>; edges: Set<string> };
  selected: string | undefined;
  onBackground(): void;
}

/** The flow drawn top to bottom; nodes are not dragged or wired by hand, the layout places them. */
export function FlowCanvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ flow, invalid, selected, onBackground }: CanvasProps) {
  const { nodes, edges } = useMemo(() => {
    const laid = layoutFlow(flow, invalid, selected);
    return {
      nodes: laid.nodes,
      edges: laid.edges.map((e) => ({
        ...e,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      })),
    };
  }, [flow, invalid, selected]);
  const { fitView } = useReactFlow();
  // Re-fit when steps come or go (not on every keystroke in the panel).
  const shape = `${flow.nodes.length}/${flow.edges.length}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: shape stands for the structure
  useEffect(() => {
    const timer = setTimeout(() => void fitView({ padding: 0.12, maxZoom: 1, duration: 150 }), 30);
    return () => clearTimeout(timer);
  }, [shape, fitView]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      fitView
      fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
      minZoom={0.3}
      maxZoom={1.5}
      onPaneClick={onBackground}
      // A click handler keeps the nodes clickable (React Flow lets clicks through unselectable nodes
      // without one); the cards' own buttons do the selecting.
      onNodeClick={keepClickable}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={20} size={1} />
      <Controls showInteractive={false} position="bottom-left" />
    </ReactFlow>
  );
}
