// `@bizmetrics/insights/ux`: explaining a change of the User Experience Score by its components.

export {
  type ComponentChange,
  explainScoreChange,
  type ScoreExplanation,
  type ScoreParts,
  UX_SERIES,
} from './ux/explain-score.ts';
