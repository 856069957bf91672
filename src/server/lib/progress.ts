/**
 * What a long task reports as it runs (the Sirene import's steps; the command line draws it): rows (or bytes) done
 * out of a total, an estimate when `estimated`; a step with no total says when it is `finished`.
 */
export type TaskProgress = {
  label: string;
  done: number;
  total?: number;
  unit?: 'rows' | 'bytes';
  estimated?: boolean;
  /** Ends the task; a task with a total also ends when `done` reaches it. */
  finished?: boolean;
};
