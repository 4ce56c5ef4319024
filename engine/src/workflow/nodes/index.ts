import { registerNodeKinds } from '../kinds';
import { actionNode, registerActionJobs } from './action';
import { ccNode } from './cc';
import { conditionNode } from './condition';
import { delayNode } from './delay';
import { endNode } from './end';
import { humanNode } from './human';
import { joinNode } from './join';
import { parallelNode } from './parallel';
import { startNode } from './start';
import { subflowNode } from './subflow';

/** Every node type and the module that runs it (kinds.ts). A new kind: one module, one line here. */
registerNodeKinds({
  start: startNode,
  approval: humanNode,
  fill: humanNode,
  cc: ccNode,
  condition: conditionNode,
  parallel: parallelNode,
  join: joinNode,
  action: actionNode,
  subflow: subflowNode,
  delay: delayNode,
  end: endNode,
});
registerActionJobs();
