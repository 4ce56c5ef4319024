/**
 * Entry of @forecourt/designer: the admins' designers, hosted by runtime-ui (see README.md). Import the
 * form designer from a lazy route only: it brings @dnd-kit and the expression sandbox with it.
 */
export { FormDesigner } from './form/FormDesigner';
export type {
  DefinitionIssue,
  FormDesignerApi,
  FormDesignerProps,
  FormSummary,
  PublishSummary,
} from './form/types';
