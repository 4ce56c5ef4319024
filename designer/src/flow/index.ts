/** The workflow designer, hosted by runtime-ui's flow design page. */
export { FlowDesigner, type FlowDesignerProps } from './FlowDesigner';
export type {
  DirectoryDepartment,
  DirectoryRole,
  DirectoryUser,
  FlowDesignerServices,
  FlowVersionSummary,
} from './services';
