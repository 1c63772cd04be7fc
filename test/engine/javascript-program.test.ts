import * as path from "node:path";
import { StandInStack } from "../../tools/engine-standin";
import { javascriptProjectWithoutTypescript } from "../helpers/javascript-project";
import { SAMPLE_TENANTS } from "../helpers/sample-tenants";
import { useStateFolder } from "../helpers/state-folder";
import { describeOnboardingScenario } from "./onboarding-scenario";

/*
 * examples/javascript, installed as a plain JavaScript project is (no `typescript` package): Pulumi's
 * closure serializer then parses the serialized provider with its bundled TypeScript 3.8.3.
 */
let project: ReturnType<typeof javascriptProjectWithoutTypescript> | undefined;
const states = useStateFolder();

describeOnboardingScenario("a plain JavaScript program with no typescript package", {
  open: async (config, env) => {
    project = javascriptProjectWithoutTypescript(SAMPLE_TENANTS);
    const sdk = path.join(project.directory, "node_modules", "@pulumi", "pulumi");
    // The premise: from the program's @pulumi/pulumi, `typescript` cannot be resolved.
    expect(() => require.resolve("typescript", { paths: [sdk] })).toThrow();
    return StandInStack.open({ projectDir: project.directory, config, env, parallel: 8, stateFile: states.file("javascript") });
  },
  close: () => project?.remove(),
});
