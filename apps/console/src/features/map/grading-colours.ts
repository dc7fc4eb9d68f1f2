/** A lead's colour on the map follows its source reliability (Europol A, B, C, X). */
export const GRADING_COLOURS = { A: '#2b8a3e', B: '#1864ab', C: '#d9480f', X: '#495057' } as const;
export type SourceCode = keyof typeof GRADING_COLOURS;
