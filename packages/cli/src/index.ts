export {
  type RulesGenerateOptions,
  registerRules,
  runRulesGenerate,
  runRulesTest,
} from './commands/rules.ts';
export { COMMAND_LIBRARY, createProgram } from './program.ts';
