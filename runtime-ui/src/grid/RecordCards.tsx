import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef, RecordRow } from '../api/types';
import './grid.css';
import { labelText } from '../i18n/label';
import { shownFields, valueText } from '../records/display';
import { useNames } from '../records/names';

const CARD_HEIGHT = 112;
const GAP = 8;
const PREFETCH_ROWS = 15;
/** A card shows the first field as its title and the next few as lines. */
const CARD_LINES = 3;

interface CardsProps {
  fields: readonly FieldDef[];
  rows: RecordRow[];
  hasMore: boolean;
  onEndReached(): void;
  onOpen(row: RecordRow): void;
}

/** The phone's grid: one card per record, virtualised like the desktop table. */
export function RecordCards({ fields, rows, hasMore, onEndReached, onOpen }: CardsProps) {
  const { t, i18n } = useTranslation();
  const shown = shownFields(fields).filter((f) => f.type !== 'subform');
  const [title, ...rest] = shown;
  const lines = rest.slice(0, CARD_LINES);
  const nameOf = useNames(
    shown.slice(0, CARD_LINES + 1),
    rows.map((row) => row.data),
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT + GAP,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - PREFETCH_ROWS) onEndReached();
  }, [hasMore, lastIndex, rows.length, onEndReached]);

  return (
    <div ref={scrollRef} className="grid-scroll cards-scroll">
      <ul className="record-cards" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <li key={row.id} style={{ transform: `translateY(${item.start}px)`, height: CARD_HEIGHT }}>
              <button type="button" className="record-card" onClick={() => onOpen(row)}>
                <strong className="record-card-title">
                  {title ? valueText(title, row.data[title.id], i18n.language, t, nameOf) || '—' : row.id}
                </strong>
                {lines.map((field) => (
                  <span key={field.id} className="record-card-line">
                    <span className="record-card-label">{labelText(field.label, i18n.language)}</span>
                    <span>{valueText(field, row.data[field.id], i18n.language, t, nameOf) || '—'}</span>
                  </span>
                ))}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
