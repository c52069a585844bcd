// `@bizmetrics/rules/promtool`: locating and running promtool on generated rules.

export { findTool } from './promtool/locate.ts';
export { ToolMissingError, type ToolResult, type VerifyOptions, type VerifyReport } from './promtool/run.ts';
