// The benchmark's Pulumi program (Pulumi.yaml here): `bench-onboarding:tenants` generated tenants whose
// SAML connections use the IdP certificate `bench-onboarding:certificate`, numbered from
// `bench-onboarding:firstTenant` (0 by default; each shard of `npm run bench -- --shards` has its own range).
import * as pulumi from "@pulumi/pulumi";
import { declareTenants } from "../generated-tenants";

const config = new pulumi.Config();
declareTenants(config.requireNumber("tenants"), config.require("certificate"), config.getNumber("firstTenant") ?? 0);
