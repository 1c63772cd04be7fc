export { checkTenantsHealth, type HealthCheckOptions } from "./check-health";
export { healthLines, healthSummary } from "./text-report";
export { healthPage, type HealthPageOptions } from "./html-report";
export { needsAction, type TenantHealth, type ConnectionHealth, type DomainHealth, type HealthProblem, type ProblemKind } from "./tenant-health";
