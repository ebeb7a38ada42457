/** Reports the step a long command is at (a transient line on a terminal); called often, never required. */
export type Progress = (step: string) => void;
