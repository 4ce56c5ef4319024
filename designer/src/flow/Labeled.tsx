import { type ReactNode, useId } from 'react';

/** A text label bound to the control it names (antd controls take the id). */
export function Labeled({
  text,
  inline,
  children,
}: {
  text: string;
  inline?: boolean;
  children(id: string): ReactNode;
}) {
  const id = useId();
  return (
    <div className={inline ? 'flow-inline' : 'flow-field'}>
      <label htmlFor={id}>{text}</label>
      {children(id)}
    </div>
  );
}
