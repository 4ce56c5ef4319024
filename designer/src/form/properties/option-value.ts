/**
 * A new option's stored value. Records keep the value, not the label, so a value must never come back
 * with another meaning: deleting `option_3` from a published select and adding an option must not
 * give `option_3` again, or old records would show the new label. Counting from the list cannot know
 * what earlier versions held, so the value is random (and checked against the values in sight).
 */
export function newOptionValue(taken: Iterable<string>, random: () => number = Math.random): string {
  const used = new Set(taken);
  for (;;) {
    const suffix = random().toString(36).slice(2, 8);
    const value = `option_${suffix}`;
    if (suffix.length === 6 && !used.has(value)) return value;
  }
}
