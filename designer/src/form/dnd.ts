/**
 * Drag and drop between the palette and the canvas (@dnd-kit): a palette type dropped on a field goes
 * before it, dropped on a section's free space goes to that section's end; a field dragged onto another
 * takes its place (and its section). A pointer must move 5 px first, so clicks stay clicks.
 */
import {
  type CollisionDetection,
  closestCenter,
  type DragEndEvent,
  type DragStartEvent,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useState } from 'react';
import { SECTION_ZONE } from './Canvas';
import type { Place } from './model';

/** Fields under the pointer beat the section zone around them; otherwise the nearest field or zone. */
export const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  const field = within.find((hit) => !String(hit.id).startsWith(SECTION_ZONE));
  if (field) return [field];
  if (within.length) return within;
  return closestCenter(args);
};

export type Drop =
  | { kind: 'add'; type: string; place: Place }
  | { kind: 'move'; fieldId: string; place: Place };

/** What a finished drag means, or null when it was dropped nowhere useful. */
export function dropOf(event: DragEndEvent): Drop | null {
  const { active, over } = event;
  if (!over) return null;
  const overId = String(over.id);
  const place: Place = overId.startsWith(SECTION_ZONE)
    ? { endOf: overId.slice(SECTION_ZONE.length) }
    : placeNear(event, overId);
  const paletteType = active.data.current?.paletteType as string | undefined;
  if (paletteType) return { kind: 'add', type: paletteType, place };
  const fieldId = String(active.id);
  if (fieldId === overId) return null;
  return { kind: 'move', fieldId, place };
}

/** Before the field dropped on, or after it when the pointer ended in its lower half. */
function placeNear(event: DragEndEvent, overId: string): Place {
  const over = event.over?.rect;
  const dragged = event.active.rect.current.translated;
  if (over && dragged) {
    const centre = dragged.top + dragged.height / 2;
    if (centre > over.top + over.height / 2) return { after: overId };
  }
  return { before: overId };
}

export function useDesignerDnd() {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const [dragging, setDragging] = useState<{ paletteType?: string; fieldId?: string } | null>(null);
  const onDragStart = (event: DragStartEvent) => {
    const paletteType = event.active.data.current?.paletteType as string | undefined;
    setDragging(paletteType ? { paletteType } : { fieldId: String(event.active.id) });
  };
  return { sensors, dragging, onDragStart, clear: () => setDragging(null) };
}
