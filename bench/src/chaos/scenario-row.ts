/** One row of the chaos table: what a scenario generated, what was acknowledged, delivered, lost. */
export interface ScenarioRow {
  readonly scenario: string;
  readonly faults: number;
  readonly generated: number;
  readonly acknowledged: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly duplicates: string;
  /** Longest time from a fault to the part (or pipeline) having recovered, in ms; undefined: not measured. */
  readonly recoverMaxMs: number | undefined;
  readonly note: string;
  /** Set when the scenario's own claim did not hold beyond the numbers (e.g. npm start did not stop cleanly). */
  readonly problem?: string;
}
