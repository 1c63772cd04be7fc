import { PACKAGE_ROOT } from "../../scripts/package-root";
import { StandInStack } from "../../tools/engine-standin";
import { useStateFolder } from "../helpers/state-folder";
import { describeOnboardingScenario } from "./onboarding-scenario";

const states = useStateFolder();

/*
 * The root stack as `pulumi up` runs it: Pulumi.yaml's main is dist/index.js, so the program runs in
 * dist/ with the project root passed apart, and the provider host starts in dist/ too.
 */
describeOnboardingScenario("the root stack (compiled TypeScript, run from dist/)", {
  open: async (config, env) => StandInStack.open({ projectDir: PACKAGE_ROOT, stack: "scenario", config, env, parallel: 8, stateFile: states.file("root-stack") }),
  close: () => {},
});
