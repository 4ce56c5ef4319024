/**
 * Sections of a form (definition.sections; a field joins one with `layout.section`): each shows its title,
 * its description and its fields on the grid, in the order the definition lists them, after the fields
 * that belong to no section. This is the order the form designer's canvas shows (designer/src/form/model.ts
 * displayOrder). A section none of whose fields is shown (hidden by a rule, or not on a public link) is
 * left out rather than shown as an empty heading. On a phone each section is a card.
 */
import type { FieldDef, FormSection } from '@forecourt/schemas';
import { Col, Row } from 'antd';
import { type ReactNode, useId } from 'react';
import { useLabel } from '../i18n/label';

/** The section a field is drawn in: '' for the top of the form (none, or one that does not exist). */
export function sectionOf(field: FieldDef, known: ReadonlySet<string>): string {
  const section = field.layout?.section;
  return section && known.has(section) ? section : '';
}

/** Fields in display order: the top group first, then each section's fields; `fields` order within. */
export function inSectionOrder(fields: FieldDef[], sections: readonly FormSection[] = []): FieldDef[] {
  const known = new Set(sections.map((section) => section.id));
  return ['', ...known].flatMap((group) => fields.filter((field) => sectionOf(field, known) === group));
}

export interface GridCell {
  key: string;
  section: string;
  span: number;
  content: ReactNode;
}

/** The top fields on one grid, then a titled block per section that has something to show. */
export function SectionedGrid({ cells, sections }: { cells: GridCell[]; sections: readonly FormSection[] }) {
  const label = useLabel();
  const idPrefix = useId();
  const top = cells.filter((cell) => cell.section === '');
  return (
    <>
      {top.length > 0 && <Grid cells={top} />}
      {sections.map((section) => {
        const own = cells.filter((cell) => cell.section === section.id);
        if (!own.length) return null;
        const titleId = `${idPrefix}-section-${section.id}`;
        const description = label(section.description);
        return (
          <section key={section.id} className="fill-section" aria-labelledby={titleId}>
            <h3 id={titleId} className="fill-section-title">
              {label(section.title)}
            </h3>
            {description && <p className="fill-section-description">{description}</p>}
            <Grid cells={own} />
          </section>
        );
      })}
    </>
  );
}

function Grid({ cells }: { cells: GridCell[] }) {
  return (
    <Row gutter={[24, 0]} className="fill-grid">
      {cells.map((cell) => (
        <Col key={cell.key} span={cell.span}>
          {cell.content}
        </Col>
      ))}
    </Row>
  );
}
