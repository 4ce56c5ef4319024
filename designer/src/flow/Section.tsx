import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A titled group of the properties panel. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flow-section">
      <Typography.Text strong className="flow-section__title">
        {title}
      </Typography.Text>
      {children}
    </section>
  );
}
