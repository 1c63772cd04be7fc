"use strict";
// Onboards every tenant of tenants.yaml (next to Pulumi.yaml): organizations, domains, SSO connections
// and admin portal links, each tenant's hand-off bundle exported. Plain JavaScript, as `pulumi new
// javascript` projects are: no `typescript` package is installed, and Pulumi serializes the provider
// with its bundled TypeScript 3.8.3 parser.
const pulumi = require("@pulumi/pulumi");
const { loadTenantsFile, onboardTenants } = require("pulumi-scalekit");

const config = new pulumi.Config();
// A relative path starts at the project root (where Pulumi.yaml is), then the working directory.
const tenants = loadTenantsFile(config.get("tenantsFile") || "tenants.yaml");

exports.tenants = onboardTenants(tenants);
