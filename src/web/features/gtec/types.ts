export type WaveStatus = 'scheduled' | 'open' | 'closed';
export type Kind = 'gtec' | 'pulse';

export interface WaveItem {
  id: string;
  title: string;
  kind: Kind;
  version: number;
  opensOn: string;
  closesOn: string;
  status: WaveStatus;
  isDemo: boolean;
  recipients: number;
  answered: number;
}

export interface WaveDetail {
  id: string;
  networkId: string;
  title: string;
  kind: Kind;
  questionnaireVersion: number;
  questionnaireTitle: string;
  opensOn: string;
  closesOn: string;
  status: WaveStatus;
  isDemo: boolean;
  answered: number;
  recipients: {
    id: string;
    memberId: string;
    organizationName: string;
    invitedEmail: string | null;
    submittedAt: string | null;
    remindersSent: number;
    lastRemindedAt: string | null;
  }[];
}

export interface HeadcountLine {
  rome: string;
  ageBand: string;
  sex: 'F' | 'M';
  contract: string;
  count: number;
}
export interface RetirementLine {
  rome: string;
  within5: number;
  within10: number;
}
export interface RecruitmentLine {
  rome: string;
  count: number;
  hardToFill: boolean;
  seasonal: boolean;
}
export interface SkillLine {
  rome: string | null;
  gap: string;
  training: string;
}
export interface PulseAnswers {
  situation?: number;
  revenue?: string;
  staff?: string;
  hours?: string;
  intentions?: string[];
  morale?: number;
  needs?: string;
  rotating?: string;
}
export interface AnswerData {
  headcount?: HeadcountLine[];
  retirements?: RetirementLine[];
  recruitment?: RecruitmentLine[];
  skills?: SkillLine[];
  capacity?: { internships: number; apprenticeships: number };
  pulse?: PulseAnswers;
}

export interface MyAnswer {
  wave: {
    id: string;
    title: string;
    kind: Kind;
    questionnaireVersion: number;
    opensOn: string;
    closesOn: string;
    rotatingQuestion: string | null;
    status: WaveStatus;
    isDemo: boolean;
  };
  organizationName: string;
  answer: {
    status: 'draft' | 'submitted' | 'withdrawn';
    data: AnswerData;
    updatedAt: string;
    submittedAt: string | null;
  } | null;
  romeLabels: Record<string, string>;
}

export const AGE_BANDS = [
  'u20',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65+',
];
export const CONTRACTS = ['cdi', 'cdd', 'apprentissage', 'interim', 'autre'];
export const PULSE_SCALE = ['strong_down', 'down', 'stable', 'up', 'strong_up'];
export const PULSE_INTENTIONS = ['hire', 'keep', 'reduce_staff', 'short_time', 'invest', 'postpone', 'close'];
