// The root stack (Pulumi.yaml): onboards every tenant of tenants.yaml. Runs from dist/ (see Pulumi.yaml).
import { onboardingStack } from "./stack/onboarding";

export const tenants = onboardingStack().tenants;
