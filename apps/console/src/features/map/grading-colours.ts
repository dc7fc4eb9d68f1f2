/** A lead's colour on the map follows its source reliability (Europol A, B, C, X); white text on each reads at 5.8:1 or more. */
export const GRADING_COLOURS = { A: '#237032', B: '#1864ab', C: '#b33d0b', X: '#495057' } as const;
export type SourceCode = keyof typeof GRADING_COLOURS;
