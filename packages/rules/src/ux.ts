// `@bizmetrics/rules/ux`: the User Experience Score: recording rules, alert, panel, dashboard and promtool tests.

export { uxDashboard, uxScorePanel } from './ux/ux-dashboard.ts';
export { uxScorePromtoolTests } from './ux/ux-promtool.ts';
export {
  renderUxRulesFile,
  UX_ALERT,
  UX_RECORDS,
  UxScoreConfigError,
  type UxScoreOptions,
  uxScoreRules,
} from './ux/ux-score.ts';
