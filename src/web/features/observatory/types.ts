// Shapes of GET /api/observatory/indicators and /snapshots (src/server/modules/observatory/observatory.routes.ts).

export type Jobs = { low: number; central: number; high: number };
export type Secret = 'primary' | 'secondary' | null;
export type Row = {
  code: string;
  label: string;
  establishments: number | null;
  jobs: Jobs | null;
  secret: Secret;
};

export type OfficialFigure = {
  /** null: the source does not give the reference year. */
  year: number | null;
  family: string;
  jobs: number | null;
  fte: number | null;
  payroll: number | null;
  establishments: number | null;
  privateJobsShare: number | null;
  source: string;
  sourceUrl: string | null;
  isDemo: boolean;
};

export type Indicators = {
  territory: {
    code: string;
    name: string;
    level: string;
    parents: { code: string; name: string; level: string }[];
  };
  snapshot: { month: string; scope: string; scopeName: string; isDemo: boolean; formatVersion: string };
  secret: Secret;
  employerEstablishments: number | null;
  jobs: Jobs | null;
  families: Row[];
  sectors: Row[];
  sizes: Row[];
  share: {
    establishments: number | null;
    jobs: { low: number | null; central: number | null; high: number | null } | null;
    allEstablishments: number | null;
    privateEmployerEstablishments: number | null;
    privateJobs: Jobs | null;
  };
  evolution: { month: string; employerEstablishments: number | null; jobs: Jobs | null }[];
  subTerritories: (Row & { privateJobsShare: number | null })[];
  official: OfficialFigure[];
  settings: Record<string, unknown>;
};

export type Snapshot = { month: string; scope: string; isDemo: boolean; importedAt: string };
export type TableName = 'families' | 'sectors' | 'sizes' | 'evolution' | 'subTerritories' | 'official';

/** GET /api/observatory/departments: each department with what its own dashboard publishes. */
export type DepartmentFigures = {
  code: string;
  name: string;
  employerEstablishments: number | null;
  jobs: Jobs | null;
  privateJobsShare: number | null;
  secret: Secret;
};
export type DepartmentMapData = {
  territory: { code: string; name: string; level: string };
  snapshot: { month: string; scope: string };
  departments: DepartmentFigures[];
};
