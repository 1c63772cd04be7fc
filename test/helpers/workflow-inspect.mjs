// Reads a GitHub Actions workflow with GitHub's own parser (@actions/workflow-parser: schema, allowed
// contexts per key, expression syntax) and evaluates every expression (@actions/expressions) once per
// given set of contexts. ES modules only, so run as a child process:
//   node --import ./json-import-hook.mjs workflow-inspect.mjs <workflow.yml> <contexts.json>
// Prints { errors, workflow }: the workflow as plain JSON in which each expression is
// { "$expression": "<text>", "$values": [<value per context set, or { "$error": "<message>" }>] }.
import { readFileSync } from "node:fs";
import { Evaluator, Lexer, Parser, data } from "@actions/expressions";
import { NoOperationTraceWriter, convertWorkflowTemplate, isBasicExpression, isMapping, isSequence, parseWorkflow } from "@actions/workflow-parser";

const [workflowFile, contextsFile] = process.argv.slice(2);
const contextRuns = JSON.parse(readFileSync(contextsFile, "utf8"));
const parsed = parseWorkflow({ name: workflowFile, content: readFileSync(workflowFile, "utf8") }, new NoOperationTraceWriter());
const errors = parsed.context.errors.getErrors().map((error) => error.message);
if (parsed.value && !errors.length) {
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  errors.push(...(template.errors ?? []).map((error) => error.Message));
}

const CONTEXTS = ["github", "env", "vars", "secrets", "inputs", "needs", "strategy", "matrix", "steps", "job", "runner"];

function evaluate(expression, contexts) {
  try {
    const tree = new Parser(new Lexer(expression).lex().tokens, CONTEXTS, []).parse();
    const context = JSON.parse(JSON.stringify(contexts), data.reviver);
    return JSON.parse(JSON.stringify(new Evaluator(tree, context).evaluate(), data.replacer));
  } catch (error) {
    return { $error: error.message };
  }
}

function plain(token) {
  if (isBasicExpression(token)) return { $expression: token.expression, $values: contextRuns.map((contexts) => evaluate(token.expression, contexts)) };
  if (isMapping(token)) return Object.fromEntries([...token].map(({ key, value }) => [String(key.value ?? key), plain(value)]));
  if (isSequence(token)) return [...token].map(plain);
  return token.value ?? null;
}

process.stdout.write(JSON.stringify({ errors, workflow: parsed.value ? plain(parsed.value) : null }));
